package dev.springbase.gateway;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.springbase.gateway.TestClients.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers get CORS answers per project: preflights pass for origins some project allows,
 * actual requests only for origins the key's own project allows.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CorsTests {

	static final String APP_A = "https://app-a.example";

	static final String APP_B = "https://app-b.example";

	static final AuthStandIn auth = new AuthStandIn();

	static final ServiceStandIn storage = new ServiceStandIn("storage");

	static final String KEY_A = auth.newKey(UUID.randomUUID(), APP_A);

	static final String KEY_B = auth.newKey(UUID.randomUUID(), APP_B);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("springbase.gateway.services.auth", auth::uri);
		registry.add("springbase.gateway.services.storage", storage::uri);
	}

	@AfterAll
	static void stopServices() {
		auth.close();
		storage.close();
	}

	@Test
	void answersPreflightForOriginThatAProjectAllows() {
		ResponseEntity<Void> response = preflight(APP_A);

		assertThat(response.getStatusCode().value()).isEqualTo(204);
		assertThat(response.getHeaders().getAccessControlAllowOrigin()).isEqualTo(APP_A);
		assertThat(response.getHeaders().getAccessControlAllowMethods()).contains(HttpMethod.POST, HttpMethod.DELETE);
		assertThat(response.getHeaders().getAccessControlAllowHeaders()).contains("apikey", "authorization",
				"content-type", "x-request-id", "idempotency-key", "tus-resumable", "upload-offset");
		assertThat(response.getHeaders().getAccessControlMaxAge()).isPositive();
		assertThat(response.getHeaders().getVary()).contains("Origin");
		assertThat(storage.receivedAt("/storage/v1/objects")).isEmpty();
	}

	@Test
	void refusesPreflightForOriginNoProjectAllows() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.options()
			.uri("/storage/v1/objects")
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "POST")
			.retrieve()
			.toEntity(Map.class);

		assertProblem(response, 403, "gateway.origin_not_allowed");
		assertThat(response.getHeaders().getAccessControlAllowOrigin()).isNull();
	}

	@Test
	void refusesRequestFromOriginThatOnlyAnotherProjectAllows() {
		// APP_B passes the preflight (project B allows it) but is no origin of project A.
		assertThat(preflight(APP_B).getStatusCode().value()).isEqualTo(204);

		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/cross-project")
			.header("apikey", KEY_A)
			.header("Origin", APP_B)
			.retrieve()
			.toEntity(Map.class);

		assertProblem(response, 403, "gateway.origin_not_allowed");
		assertThat(response.getHeaders().getAccessControlAllowOrigin()).isNull();
		assertThat(storage.receivedAt("/storage/v1/cross-project")).isEmpty();
	}

	@Test
	void answersRequestFromAllowedOriginWithCorsHeaders() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/allowed")
			.header("apikey", KEY_B)
			.header("Origin", APP_B)
			.retrieve()
			.toEntity(Map.class);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		// The stand-in answers "Access-Control-Allow-Origin: *" itself; the gateway's
		// answer replaces it.
		assertThat(response.getHeaders().get("Access-Control-Allow-Origin")).containsExactly(APP_B);
		assertThat(response.getHeaders().getVary()).contains("Origin");
		assertThat(response.getHeaders().getAccessControlExposeHeaders()).contains("X-Request-Id", "Retry-After",
				"ETag", "Content-Range");
	}

	@Test
	void addsCorsHeadersToProblemsForAllowedOrigin() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/mismatch")
			.header("apikey", KEY_A)
			.header("Origin", APP_A)
			.header("Authorization", "Bearer " + auth.userToken(UUID.randomUUID()))
			.retrieve()
			.toEntity(Map.class);

		assertProblem(response, 401, "gateway.token_project_mismatch");
		assertThat(response.getHeaders().getAccessControlAllowOrigin()).isEqualTo(APP_A);
	}

	@Test
	void leavesRequestsWithoutOriginAlone() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/server-side")
			.header("apikey", KEY_A)
			.retrieve()
			.toEntity(Map.class);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getAccessControlAllowOrigin()).isNull();
	}

	private ResponseEntity<Void> preflight(String origin) {
		return TestClients.gateway(this.port)
			.options()
			.uri("/storage/v1/objects")
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "apikey, content-type")
			.retrieve()
			.toBodilessEntity();
	}

}
