package dev.springbase.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionTokenProofTests {

	@TempDir
	Path dataDir;

	@TempDir
	Path otherDataDir;

	@Test
	void opensWhatWasSealedWithTheSameKey() {
		MasterKey key = MasterKey.load(null, this.dataDir, "test");
		FunctionTokenProof proof = new FunctionTokenProof(UUID.randomUUID(), UUID.randomUUID(),
				Instant.ofEpochMilli(1_750_000_000_123L));

		String sealed = proof.seal(key);

		assertThat(FunctionTokenProof.open(MasterKey.load(null, this.dataDir, "test"), sealed)).contains(proof);
		assertThat(sealed).doesNotContain(proof.projectId().toString());
	}

	@Test
	void refusesProofsOfAnotherKey() {
		FunctionTokenProof proof = new FunctionTokenProof(UUID.randomUUID(), UUID.randomUUID(), Instant.now());

		String sealed = proof.seal(MasterKey.load(null, this.otherDataDir, "test"));

		assertThat(FunctionTokenProof.open(MasterKey.load(null, this.dataDir, "test"), sealed)).isEmpty();
	}

	@Test
	void refusesOtherCiphertextsOfTheSameKeyAndGarbage() {
		MasterKey key = MasterKey.load(null, this.dataDir, "test");
		String statement = "v1\n" + UUID.randomUUID() + "\n" + UUID.randomUUID() + "\n" + Instant.now().toEpochMilli();
		String storedSecret = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(key.encrypt(statement.getBytes(StandardCharsets.UTF_8), "some-secret-owner"));
		String sealed = new FunctionTokenProof(UUID.randomUUID(), UUID.randomUUID(), Instant.now()).seal(key);
		char[] tampered = sealed.toCharArray();
		tampered[tampered.length / 2] = (tampered[tampered.length / 2] == 'A') ? 'B' : 'A';

		assertThat(FunctionTokenProof.open(key, storedSecret)).isEmpty();
		assertThat(FunctionTokenProof.open(key, new String(tampered))).isEmpty();
		assertThat(FunctionTokenProof.open(key, "not base64 at all!")).isEmpty();
		assertThat(FunctionTokenProof.open(key, "")).isEmpty();
	}

	@Test
	void isFreshForAMinuteEitherWay() {
		Instant now = Instant.now();
		UUID project = UUID.randomUUID();
		UUID function = UUID.randomUUID();

		assertThat(new FunctionTokenProof(project, function, now.minusSeconds(59)).isFreshAt(now)).isTrue();
		assertThat(new FunctionTokenProof(project, function, now.plusSeconds(59)).isFreshAt(now)).isTrue();
		assertThat(new FunctionTokenProof(project, function, now.minusSeconds(61)).isFreshAt(now)).isFalse();
		assertThat(new FunctionTokenProof(project, function, now.plusSeconds(61)).isFreshAt(now)).isFalse();
	}

}
