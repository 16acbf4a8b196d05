package dev.springbase.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "springbase.auth.tokens.account-ttl=4s", "springbase.auth.tokens.api-key-ttl=2s",
				"springbase.auth.tokens.user-ttl=4s", "springbase.auth.tokens.function-ttl=4s",
				"springbase.security.clock-skew=1s", "springbase.auth.signing-keys.refresh-interval=1s" })
class SigningKeyRotationTests extends AuthServiceTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void rotationKeepsOldTokensValidUntilTheirWindowEnds() {
		String before = this.api.adminToken();
		String oldKid = TestApi.kid(before);
		assertThat(kids()).containsExactly(oldKid);

		Reply rotated = this.api.post("/auth/v1/signing-keys/rotate", before, null);
		assertThat(rotated.status()).isEqualTo(200);
		String newKid = rotated.string("kid");
		assertThat(rotated.body()).containsEntry("state", "active").containsEntry("retiredAt", null);
		assertThat(newKid).isNotEqualTo(oldKid);

		assertThat(this.api.get("/auth/v1/whoami", before).status()).isEqualTo(200);
		assertThat(kids()).containsExactlyInAnyOrder(oldKid, newKid);
		String after = this.api.adminToken();
		assertThat(TestApi.kid(after)).isEqualTo(newKid);
		assertThat(this.api.get("/auth/v1/whoami", after).status()).isEqualTo(200);

		Reply listed = this.api.get("/auth/v1/signing-keys", after);
		assertThat(listed.items()).hasSize(2);
		assertThat(listed.items().get(0)).containsEntry("kid", oldKid).containsEntry("state", "retired");
		assertThat(listed.items().get(0).get("retiredAt")).isNotNull();
		assertThat(listed.items().get(1)).containsEntry("kid", newKid).containsEntry("state", "active");
		assertThat(listed.body().toString()).doesNotContain("\"d\"", "publicJwk", "ciphertext");

		// Window: longest token lifetime (4s) plus clock skew (1s).
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			assertThat(kids()).containsExactly(newKid);
		});
		Reply expired = this.api.get("/auth/v1/whoami", before);
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.code()).isEqualTo("auth.invalid_token");
	}

	@Test
	void privateKeysAreEncryptedAtRest() throws Exception {
		Map<String, Object> row = this.jdbc
			.sql("select kid, private_jwk_ciphertext from signing_keys where retired_at is null")
			.query()
			.singleRow();
		String kid = (String) row.get("kid");
		byte[] ciphertext = (byte[]) row.get("private_jwk_ciphertext");

		AeadConfig.register();
		String keyset = Files.readString(Path.of("target/test-springbase/master-key.json"));
		Aead master = TinkJsonProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get())
			.getPrimitive(RegistryConfiguration.get(), Aead.class);
		Map<?, ?> jwk = JsonMapper.builder()
			.build()
			.readValue(master.decrypt(ciphertext, kid.getBytes(StandardCharsets.UTF_8)), Map.class);
		String d = (String) jwk.get("d");
		assertThat(d).isNotBlank();

		String stored = new String(ciphertext, StandardCharsets.ISO_8859_1);
		assertThat(stored).doesNotContain(d).doesNotContain("\"d\"");
		assertThat(stored)
			.doesNotContain(new String(java.util.Base64.getUrlDecoder().decode(d), StandardCharsets.ISO_8859_1));
	}

	@Test
	void onlyPlatformAdminsManageSigningKeys() {
		String token = this.api.newAccount("not-admin@test.local");
		for (Reply reply : List.of(this.api.post("/auth/v1/signing-keys/rotate", token, null),
				this.api.get("/auth/v1/signing-keys", token))) {
			assertThat(reply.status()).isEqualTo(403);
			assertThat(reply.code()).isEqualTo("auth.admin_required");
		}
		assertThat(this.api.post("/auth/v1/signing-keys/rotate", null, null).status()).isEqualTo(401);
	}

	@Test
	void publishesOpenIdDiscovery() {
		Reply discovery = this.api.get("/auth/v1/.well-known/openid-configuration", null);
		assertThat(discovery.status()).isEqualTo(200);
		assertThat(discovery.body()).containsEntry("issuer", "http://localhost:8080/auth/v1")
			.containsEntry("jwks_uri", "http://localhost:8080/auth/v1/.well-known/jwks.json")
			.containsEntry("id_token_signing_alg_values_supported", List.of("RS256"))
			.containsKeys("response_types_supported", "subject_types_supported");
		Reply jwks = this.api.get("/auth/v1/.well-known/jwks.json", null);
		assertThat(kids()).hasSize(1);
		assertThat(jwks.headers().getCacheControl()).contains("max-age");
	}

	@SuppressWarnings("unchecked")
	private List<String> kids() {
		Reply jwks = this.api.get("/auth/v1/.well-known/jwks.json", null);
		assertThat(jwks.status()).isEqualTo(200);
		return ((List<Map<String, Object>>) jwks.body().get("keys")).stream()
			.peek((key) -> assertThat(key).containsEntry("kty", "RSA")
				.containsEntry("alg", "RS256")
				.doesNotContainKeys("d", "p", "q"))
			.map((key) -> (String) key.get("kid"))
			.toList();
	}

}
