package dev.springbase.system;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.springbase.system.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/** An API key from creation to revocation, through the gateway. */
class ApiKeyLifecycleSystemTests {

	private final Api api = Api.gateway();

	@Test
	void publishableKeyReachesEveryServiceAsAnonUntilRevoked() {
		String admin = this.api.adminToken();
		String project = this.api.createProject(admin, "Lifecycle", List.of());
		Response created = this.api.createKey(admin, project, "publishable");
		String key = created.string("key");
		String keyId = created.string("id");
		assertThat(key).startsWith("sb_publishable_");

		for (String service : List.of("auth", "storage", "functions", "notifications")) {
			Response whoami = this.api.get("/" + service + "/v1/whoami").apikey(key).send();
			assertThat(whoami.status()).as(service).isEqualTo(200);
			assertThat(whoami.json()).as(service)
				.containsEntry("projectId", project)
				.containsEntry("kind", "api_key")
				.containsEntry("role", "anon");
		}

		Response listed = this.api.get("/auth/v1/projects/" + project + "/api-keys").bearer(admin).send();
		listed.expectStatus(200);
		assertThat(listed.body()).doesNotContain(key);
		Map<String, Object> listedKey = listed.items()
			.stream()
			.filter((item) -> keyId.equals(item.get("id")))
			.findFirst()
			.orElseThrow();
		assertThat(listedKey).containsEntry("type", "publishable").containsKey("prefix").doesNotContainKey("key");
		assertThat((String) listedKey.get("prefix")).isNotBlank();
		assertThat(key).contains((String) listedKey.get("prefix"));
		assertThat(listedKey.get("lastUsedAt")).isNotNull();
		assertThat(listedKey.get("revokedAt")).isNull();

		this.api.call("DELETE", "/auth/v1/projects/" + project + "/api-keys/" + keyId)
			.bearer(admin)
			.send()
			.expectStatus(204);

		// The gateway caches a resolved key for at most 5 seconds.
		Response refused = awaitStatus(401, Duration.ofSeconds(7),
				() -> this.api.get("/storage/v1/whoami").apikey(key).send());
		assertThat(refused.code()).isEqualTo("gateway.api_key_invalid");
		assertThat(refused.contentType()).startsWith("application/problem+json");
	}

	@Test
	void secretKeyActsWithServiceRoleInItsProject() {
		String admin = this.api.adminToken();
		String project = this.api.createProject(admin, "Secret", List.of());
		String secret = this.api.createKey(admin, project, "secret").string("key");
		assertThat(secret).startsWith("sb_secret_");

		Response whoami = this.api.get("/storage/v1/whoami").apikey(secret).send();

		assertThat(whoami.status()).isEqualTo(200);
		assertThat(whoami.json()).containsEntry("projectId", project).containsEntry("role", "service_role");
	}

	@Test
	void refusesMissingAndUnknownKeys() {
		Response missing = this.api.get("/storage/v1/whoami").send();
		Response unknown = this.api.get("/storage/v1/whoami")
			.apikey("sb_publishable_notarealkey0000000000000000")
			.send();

		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.code()).isEqualTo("gateway.api_key_missing");
		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.code()).isEqualTo("gateway.api_key_invalid");
	}

	static Response awaitStatus(int status, Duration within, java.util.function.Supplier<Response> call) {
		Instant deadline = Instant.now().plus(within);
		Response last = call.get();
		while (last.status() != status && Instant.now().isBefore(deadline)) {
			SpringbaseStack.sleep(Duration.ofMillis(200));
			last = call.get();
		}
		assertThat(last.status()).as("status within %s: %s", within, last.body()).isEqualTo(status);
		return last;
	}

}
