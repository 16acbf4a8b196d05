package dev.springbase.platform;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.springbase.testsupport.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every failure a client can cause answers with problem+json, a stable code and the
 * request id; platform tokens are verified against a live JWKS endpoint.
 */
@FreshDatabase
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "springbase.api-prefix=/test/v1", "springbase.http.max-parsed-body-size=2KB" })
class PlatformWebTests {

	static final TestJwks jwks = startJwks();

	static final RSAKey firstKey = jwks.publishNewKey();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void security(DynamicPropertyRegistry registry) {
		registry.add("springbase.security.jwks-uri", jwks::uri);
	}

	@AfterAll
	static void stopJwks() {
		jwks.close();
	}

	@Autowired
	ObservationRegistry observations;

	@Test
	void observesRequestsButNotEachSecurityFilter() {
		assertThat(Observation.start("spring.security.filterchains", this.observations).isNoop()).isTrue();
		assertThat(Observation.start("spring.security.authorizations", this.observations).isNoop()).isTrue();
		assertThat(Observation.start("http.server.requests", this.observations).isNoop()).isFalse();
	}

	@Test
	void answersUnknownRouteWithProblem() {
		ResponseEntity<Map> response = exchange("GET", "/test/v1/nothing-here", null, token(firstKey));
		assertProblem(response, 404, "request.route_not_found");
	}

	@Test
	void refusesMissingTokenWithProblemAndRequestId() {
		ResponseEntity<Map> response = client().get()
			.uri("/test/v1/whoami")
			.header("X-Request-Id", "client-chosen-id")
			.retrieve()
			.toEntity(Map.class);
		assertProblem(response, 401, "auth.unauthenticated");
		assertThat(response.getBody()).containsEntry("requestId", "client-chosen-id");
		assertThat(response.getHeaders().getFirst("X-Request-Id")).isEqualTo("client-chosen-id");
	}

	@Test
	void refusesTokenSignedByUnknownKey() {
		ResponseEntity<Map> response = exchange("GET", "/test/v1/whoami", null, token(TestJwks.newKey()));
		assertProblem(response, 401, "auth.invalid_token");
	}

	@Test
	void refusesExpiredToken() {
		String expired = TestJwks.sign(firstKey, claims(), Instant.now().minusSeconds(600));
		ResponseEntity<Map> response = exchange("GET", "/test/v1/whoami", null, expired);
		assertProblem(response, 401, "auth.invalid_token");
	}

	@Test
	void exposesCallerFromVerifiedToken() {
		ResponseEntity<Map> response = exchange("GET", "/test/v1/whoami", null, token(firstKey));
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).containsEntry("kind", "api_key")
			.containsEntry("projectId", "0190a5c4-0000-7000-8000-000000000001")
			.containsEntry("role", "anon");
	}

	@Test
	void acceptsFunctionTokensAsServiceRoleOfTheirProject() {
		String token = TestJwks.sign(
				firstKey, Map.of("sub", "0190a5c4-0000-7000-8000-0000000000f1", "kind", "function", "role",
						"service_role", "project", "0190a5c4-0000-7000-8000-000000000001"),
				Instant.now().plusSeconds(300));

		ResponseEntity<Map> response = exchange("GET", "/test/v1/whoami", null, token);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).containsEntry("kind", "function")
			.containsEntry("subject", "0190a5c4-0000-7000-8000-0000000000f1")
			.containsEntry("projectId", "0190a5c4-0000-7000-8000-000000000001")
			.containsEntry("role", "service_role");
	}

	@Test
	void refusesTokensOfAnUnknownKind() {
		String token = TestJwks.sign(firstKey, Map.of("sub", "x", "kind", "robot", "role", "service_role", "project",
				"0190a5c4-0000-7000-8000-000000000001"), Instant.now().plusSeconds(300));

		ResponseEntity<Map> response = exchange("GET", "/test/v1/whoami", null, token);

		assertProblem(response, 401, "auth.invalid_token");
	}

	@Test
	void fetchesJwksAgainWhenTokenCarriesNewKeyId() {
		exchange("GET", "/test/v1/whoami", null, token(firstKey));
		RSAKey rotated = jwks.publishNewKey();
		ResponseEntity<Map> response = exchange("GET", "/test/v1/whoami", null, token(rotated));
		assertThat(response.getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void answersMalformedJsonWithProblem() {
		ResponseEntity<Map> response = exchange("POST", "/test/v1/things", "{\"name\": ", token(firstKey));
		assertProblem(response, 400, "request.malformed_body");
	}

	@Test
	void listsInvalidFields() {
		ResponseEntity<Map> response = exchange("POST", "/test/v1/things", "{\"name\": \"\"}", token(firstKey));
		assertProblem(response, 400, "request.validation_failed");
		assertThat(response.getBody().get("errors").toString()).contains("field=name");
	}

	@Test
	void refusesOversizeBodyBeforeParsing() {
		String big = "{\"name\": \"" + "x".repeat(4096) + "\"}";
		ResponseEntity<Map> response = exchange("POST", "/test/v1/things", big, token(firstKey));
		assertProblem(response, 413, "request.body_too_large");
	}

	@Test
	void refusesUnsupportedMediaType() {
		ResponseEntity<Map> response = client().post()
			.uri("/test/v1/things")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(firstKey))
			.contentType(MediaType.APPLICATION_XML)
			.body("<thing/>")
			.retrieve()
			.toEntity(Map.class);
		assertProblem(response, 415, "request.unsupported_media_type");
	}

	@Test
	void refusesEncodedSlashWithProblem() {
		ResponseEntity<Map> response = client().get()
			.uri(URI.create("http://localhost:" + this.port + "/test/v1/caller%2F..%2Fcaller"))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(firstKey))
			.retrieve()
			.toEntity(Map.class);

		assertProblem(response, 400, "request.invalid");
	}

	@Test
	void refusesWrongMethod() {
		ResponseEntity<Map> response = exchange("DELETE", "/test/v1/things", null, token(firstKey));
		assertProblem(response, 405, "request.method_not_allowed");
	}

	@Test
	void mapsDomainExceptionToItsCode() {
		ResponseEntity<Map> response = exchange("POST", "/test/v1/things", "{\"name\": \"taken\"}", token(firstKey));
		assertProblem(response, 409, "test.thing_exists");
		assertThat(response.getBody()).containsEntry("detail", "A thing named taken exists already.");
	}

	private ResponseEntity<Map> exchange(String method, String path, String json, String token) {
		RestClient.RequestBodySpec request = client().method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		if (json != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(json);
		}
		return request.retrieve().toEntity(Map.class);
	}

	private static void assertProblem(ResponseEntity<Map> response, int status, String code) {
		assertThat(response.getStatusCode().value()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(response.getBody()).containsEntry("code", code).containsKey("requestId");
	}

	private RestClient client() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	private static String token(RSAKey key) {
		return TestJwks.sign(key, claims(), Instant.now().plusSeconds(300));
	}

	private static Map<String, Object> claims() {
		return Map.of("sub", "key-1", "kind", "api_key", "role", "anon", "project",
				"0190a5c4-0000-7000-8000-000000000001");
	}

	private static TestJwks startJwks() {
		try {
			return new TestJwks();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
