package dev.springbase.storage.objects;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.springbase.storage.StorageClient.Reply;
import dev.springbase.storage.StorageServiceTests;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(
		properties = { "springbase.storage.quota.max-bytes=1000B", "springbase.storage.quota.max-objects=3" })
class QuotaTests extends StorageServiceTests {

	@BeforeEach
	void bucket() {
		this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "quota"));
	}

	@Test
	void refusesUploadPastTheProjectsByteQuotaWhileStreaming() {
		assertThat(this.api.put("/storage/v1/object/quota/a", this.secret, new byte[600]).status()).isEqualTo(201);
		Reply streamed = this.api.send("PUT", "/storage/v1/object/quota/b", this.secret,
				BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[600])));
		assertThat(streamed.status()).isEqualTo(413);
		assertThat(streamed.code()).isEqualTo("storage.quota_exceeded");
		assertThat(this.api.get("/storage/v1/object/quota/b", this.secret).status()).isEqualTo(404);

		// Replacing an object frees its bytes first.
		Reply replaced = this.api.put("/storage/v1/object/quota/a", this.secret, new byte[900], "x-upsert", "true");
		assertThat(replaced.status()).isEqualTo(201);
	}

	@Test
	void refusesObjectsPastTheProjectsObjectQuota() {
		for (String key : new String[] { "1", "2", "3" }) {
			assertThat(this.api.put("/storage/v1/object/quota/" + key, this.secret, new byte[1]).status())
				.isEqualTo(201);
		}
		Reply fourth = this.api.put("/storage/v1/object/quota/4", this.secret, new byte[1]);
		assertThat(fourth.status()).isEqualTo(403);
		assertThat(fourth.code()).isEqualTo("storage.quota_exceeded");

		assertThat(this.api.delete("/storage/v1/object/quota/1", this.secret).status()).isEqualTo(204);
		assertThat(this.api.put("/storage/v1/object/quota/4", this.secret, new byte[1]).status()).isEqualTo(201);
	}

	@Test
	void quotasAreCountedPerProject() {
		assertThat(this.api.put("/storage/v1/object/quota/big", this.secret, new byte[900]).status()).isEqualTo(201);
		String otherSecret = auth.secretKeyToken(java.util.UUID.randomUUID());
		this.api.json("POST", "/storage/v1/bucket", otherSecret, Map.of("name", "quota"));
		assertThat(this.api.put("/storage/v1/object/quota/big", otherSecret, new byte[900]).status()).isEqualTo(201);
	}

}
