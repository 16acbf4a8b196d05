package dev.springbase.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyTests extends AuthServiceTests {

	@Test
	void keyLifecycle() {
		String owner = this.api.newAccount("keys@test.local");
		UUID projectId = this.api.createProject(owner, "keyed");
		this.api.patch("/auth/v1/projects/" + projectId, owner,
				Map.of("allowedOrigins", List.of("https://app.example.com")));
		String keys = "/auth/v1/projects/" + projectId + "/api-keys";

		Reply created = this.api.createKey(owner, projectId, "secret");
		String key = created.string("key");
		String keyId = created.string("id");
		assertThat(key).matches("sb_secret_[0-9A-Za-z]{40}");
		assertThat(created.string("prefix")).isEqualTo(key.substring("sb_secret_".length()).substring(0, 8));
		assertThat(created.body()).containsEntry("name", "secret key")
			.containsEntry("type", "secret")
			.containsKey("createdAt");
		assertThat(created.headers().getLocation()).hasToString(keys + "/" + keyId);
		assertThat(this.api.createKey(owner, projectId, "publishable").string("key"))
			.matches("sb_publishable_[0-9A-Za-z]{40}");

		Reply listed = this.api.get(keys, owner);
		assertThat(listed.items()).hasSize(2);
		Map<String, Object> secret = listed.items().getFirst();
		assertThat(secret).containsEntry("id", keyId)
			.containsEntry("prefix", created.string("prefix"))
			.containsEntry("lastUsedAt", null)
			.containsEntry("revokedAt", null)
			.doesNotContainKeys("key", "keyHash", "hash");
		assertThat(listed.body().toString()).doesNotContain(key);

		Reply resolved = this.api.resolve(key);
		assertThat(resolved.status()).isEqualTo(200);
		assertThat(resolved.body()).containsEntry("projectId", projectId.toString())
			.containsEntry("keyId", keyId)
			.containsEntry("type", "secret")
			.containsEntry("role", "service_role")
			.containsEntry("allowedOrigins", List.of("https://app.example.com"));
		String token = resolved.string("token");
		Map<String, Object> claims = TestApi.claims(token);
		assertThat(claims).containsEntry("kind", "api_key")
			.containsEntry("sub", keyId)
			.containsEntry("project", projectId.toString())
			.containsEntry("role", "service_role")
			.containsEntry("iss", "http://localhost:8080/auth/v1");
		long exp = ((Number) claims.get("exp")).longValue();
		long iat = ((Number) claims.get("iat")).longValue();
		assertThat(exp - iat).isEqualTo(300);
		assertThat(Instant.parse(resolved.string("expiresAt")).getEpochSecond()).isEqualTo(exp);

		Reply whoami = this.api.get("/auth/v1/whoami", token);
		assertThat(whoami.status()).isEqualTo(200);
		assertThat(whoami.body()).containsEntry("kind", "api_key")
			.containsEntry("subject", keyId)
			.containsEntry("projectId", projectId.toString())
			.containsEntry("role", "service_role");

		String lastUsedAt = (String) this.api.get(keys, owner).items().getFirst().get("lastUsedAt");
		assertThat(lastUsedAt).isNotNull();
		// Within a minute of the last recorded use a resolution writes nothing.
		assertThat(this.api.resolve(key).status()).isEqualTo(200);
		assertThat(this.api.get(keys, owner).items().getFirst()).containsEntry("lastUsedAt", lastUsedAt);

		assertThat(this.api.delete(keys + "/" + keyId, owner).status()).isEqualTo(204);
		Reply refused = this.api.resolve(key);
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.code()).isEqualTo("auth.invalid_api_key");
		Map<String, Object> revoked = this.api.get(keys, owner).items().getFirst();
		assertThat(revoked).containsEntry("id", keyId);
		assertThat(revoked.get("revokedAt")).isNotNull();
		assertThat(this.api.delete(keys + "/" + keyId, owner).status()).isEqualTo(204);
		assertThat(this.api.get(keys, owner).items().getFirst()).containsEntry("revokedAt", revoked.get("revokedAt"));
	}

	@Test
	void publishableKeyActsAsAnonAndCannotManage() {
		String owner = this.api.newAccount("anon@test.local");
		UUID projectId = this.api.createProject(owner, "public");
		Reply resolved = this.api.resolve(this.api.createKey(owner, projectId, "publishable").string("key"));
		assertThat(resolved.body()).containsEntry("role", "anon").containsEntry("type", "publishable");
		String token = resolved.string("token");
		assertThat(this.api.get("/auth/v1/whoami", token).body()).containsEntry("role", "anon");

		for (Reply reply : List.of(this.api.get("/auth/v1/projects/" + projectId, token),
				this.api.get("/auth/v1/projects/" + projectId + "/api-keys", token),
				this.api.post("/auth/v1/projects/" + projectId + "/api-keys", token,
						Map.of("name", "x", "type", "secret")))) {
			assertThat(reply.status()).isEqualTo(403);
			assertThat(reply.code()).isEqualTo("auth.role_insufficient");
		}
	}

	@Test
	void secretKeyActsAsDeveloperInItsProject() {
		String owner = this.api.newAccount("secret@test.local");
		UUID projectId = this.api.createProject(owner, "served");
		String token = this.api.keyToken(owner, projectId, "secret");

		Reply list = this.api.get("/auth/v1/projects", token);
		assertThat(list.items()).extracting((project) -> project.get("id")).containsExactly(projectId.toString());
		assertThat(this.api.patch("/auth/v1/projects/" + projectId, token, Map.of("name", "renamed")).status())
			.isEqualTo(200);
		assertThat(this.api.createKey(token, projectId, "publishable").status()).isEqualTo(201);
		Reply delete = this.api.delete("/auth/v1/projects/" + projectId, token);
		assertThat(delete.status()).isEqualTo(403);
		assertThat(delete.code()).isEqualTo("auth.role_insufficient");
	}

	@Test
	void refusesUnknownKeysAndBadInput() {
		Reply unknown = this.api.resolve("sb_secret_" + "x".repeat(40));
		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.code()).isEqualTo("auth.invalid_api_key");

		Reply blank = this.api.post("/internal/api-keys/resolve", null, Map.of());
		assertThat(blank.status()).isEqualTo(400);
		assertThat(blank.errors()).extracting((error) -> error.get("field")).containsExactly("key");

		String owner = this.api.newAccount("badkeys@test.local");
		UUID projectId = this.api.createProject(owner, "bad input");
		String keys = "/auth/v1/projects/" + projectId + "/api-keys";
		Reply badType = this.api.post(keys, owner, Map.of("name", "x", "type", "admin"));
		assertThat(badType.status()).isEqualTo(400);
		assertThat(badType.code()).isEqualTo("auth.invalid_key_type");
		Reply missing = this.api.post(keys, owner, Map.of());
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.code()).isEqualTo("request.validation_failed");
		assertThat(missing.errors()).extracting((error) -> error.get("field"))
			.containsExactlyInAnyOrder("name", "type");
		Reply malformed = this.api.post(keys, owner, "not json");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.code()).isEqualTo("request.malformed_body");
		Reply unknownKey = this.api.delete(keys + "/" + UUID.randomUUID(), owner);
		assertThat(unknownKey.status()).isEqualTo(404);
		assertThat(unknownKey.code()).isEqualTo("auth.api_key_not_found");
	}

}
