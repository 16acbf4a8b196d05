package dev.springbase.gateway;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.springbase.gateway.ServiceStandIn.Received;

import static dev.springbase.gateway.TestClients.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests reach the service of their prefix unchanged, except that the API key is
 * exchanged for a verified platform token; requests that cannot be tied to a project are
 * refused at the gateway.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiKeyRoutingTests {

	static final UUID PROJECT_A = UUID.randomUUID();

	static final UUID PROJECT_B = UUID.randomUUID();

	static final AuthStandIn auth = new AuthStandIn();

	static final Map<String, ServiceStandIn> services = Map.of("auth", auth, "storage", new ServiceStandIn("storage"),
			"functions", new ServiceStandIn("functions"), "notifications", new ServiceStandIn("notifications"));

	static final String KEY_A = auth.newKey(PROJECT_A);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		services.forEach((name, service) -> registry.add("springbase.gateway.services." + name, service::uri));
	}

	@AfterAll
	static void stopServices() {
		services.values().forEach(ServiceStandIn::close);
	}

	@Test
	void routesEachPrefixWithPathQueryMethodAndHeadersUnchanged() {
		for (String name : List.of("auth", "storage", "functions", "notifications")) {
			String path = "/" + name + "/v1/things/a%20b/c";
			ResponseEntity<Map> response = TestClients.gateway(this.port)
				.method(HttpMethod.PATCH)
				.uri(URI.create("http://localhost:" + this.port + path + "?limit=5&cursor=x%2By"))
				.header("apikey", KEY_A)
				.header("X-Custom", "kept")
				.contentType(MediaType.APPLICATION_JSON)
				.body(("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8))
				.retrieve()
				.toEntity(Map.class);

			assertThat(response.getStatusCode().value()).isEqualTo(200);
			assertThat(response.getBody()).containsEntry("service", name);
			Received received = services.get(name).lastAt(path);
			assertThat(received.method()).isEqualTo("PATCH");
			assertThat(received.rawQuery()).isEqualTo("limit=5&cursor=x%2By");
			assertThat(received.headers().getFirst("X-Custom")).isEqualTo("kept");
			assertThat(received.headers().getFirst("Content-Type")).isEqualTo("application/json");
			assertThat(new String(received.body())).isEqualTo("{\"name\":\"" + name + "\"}");
		}
	}

	@Test
	void forwardsTheRequestIdTheClientSent() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/with-id")
			.header("apikey", KEY_A)
			.header("X-Request-Id", "client-id-1")
			.retrieve()
			.toEntity(Map.class);

		assertThat(response.getHeaders().get("X-Request-Id")).containsExactly("client-id-1");
		assertThat(services.get("storage").lastAt("/storage/v1/with-id").headers().getFirst("X-Request-Id"))
			.isEqualTo("client-id-1");
	}

	@Test
	void forwardsTheRequestIdTheGatewayGave() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/without-id")
			.header("apikey", KEY_A)
			.retrieve()
			.toEntity(Map.class);

		List<String> ids = response.getHeaders().get("X-Request-Id");
		assertThat(ids).hasSize(1);
		assertThat(services.get("storage").lastAt("/storage/v1/without-id").headers().getFirst("X-Request-Id"))
			.isEqualTo(ids.getFirst());
	}

	@Test
	void exchangesTheApiKeyForTheKeysToken() {
		TestClients.gateway(this.port)
			.get()
			.uri("/functions/v1/key-token")
			.header("apikey", KEY_A)
			.retrieve()
			.toBodilessEntity();

		Received received = services.get("functions").lastAt("/functions/v1/key-token");
		assertThat(received.headers().containsHeader("apikey")).isFalse();
		assertThat(received.bearerToken()).isNotNull();
		assertThat(AuthStandIn.claimsOf(received.bearerToken())).containsEntry("kind", "api_key")
			.containsEntry("project", PROJECT_A.toString());
	}

	@Test
	void forwardsTheUsersOwnTokenOfTheKeysProject() {
		String userToken = auth.userToken(PROJECT_A);

		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/user-token")
			.header("apikey", KEY_A)
			.header("Authorization", "Bearer " + userToken)
			.retrieve()
			.toEntity(Map.class);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		Received received = services.get("storage").lastAt("/storage/v1/user-token");
		assertThat(received.bearerToken()).isEqualTo(userToken);
		assertThat(received.headers().containsHeader("apikey")).isFalse();
	}

	@Test
	void aProjectRequiringMfaGetsOnlyAal2UserTokensPastTheAuthService() {
		String key = auth.newKeyRequiringMfa(PROJECT_A);
		String aal1 = auth.userToken(PROJECT_A, "aal1");

		ResponseEntity<Map> oneFactor = TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/mfa-only")
			.header("apikey", key)
			.header("Authorization", "Bearer " + aal1)
			.retrieve()
			.toEntity(Map.class);
		assertProblem(oneFactor, 403, "gateway.mfa_required");
		assertThat(services.get("storage").receivedAt("/storage/v1/mfa-only")).isEmpty();

		for (String path : List.of("/auth/v1/factors", "/storage/v1/mfa-only")) {
			String token = path.startsWith("/auth") ? aal1 : auth.userToken(PROJECT_A, "aal2");
			ResponseEntity<Map> passed = TestClients.gateway(this.port)
				.get()
				.uri(path)
				.header("apikey", key)
				.header("Authorization", "Bearer " + token)
				.retrieve()
				.toEntity(Map.class);
			assertThat(passed.getStatusCode().value()).as(path).isEqualTo(200);
		}
		ResponseEntity<Map> keyAlone = TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/public")
			.header("apikey", key)
			.retrieve()
			.toEntity(Map.class);
		assertThat(keyAlone.getStatusCode().value()).as("the key's own token carries no user").isEqualTo(200);
	}

	@Test
	void refusesUserTokenOfAnotherProject() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/other-project")
			.header("apikey", KEY_A)
			.header("Authorization", "Bearer " + auth.userToken(PROJECT_B))
			.retrieve()
			.toEntity(Map.class);

		assertProblem(response, 401, "gateway.token_project_mismatch");
		assertThat(services.get("storage").receivedAt("/storage/v1/other-project")).isEmpty();
	}

	@Test
	void refusesExpiredOrForeignUserTokens() {
		for (String token : List.of(auth.expiredUserToken(PROJECT_A),
				AuthStandIn.userTokenSignedByAnotherKey(PROJECT_A), "not-a-jwt")) {
			ResponseEntity<Map> response = TestClients.gateway(this.port)
				.get()
				.uri("/storage/v1/bad-token")
				.header("apikey", KEY_A)
				.header("Authorization", "Bearer " + token)
				.retrieve()
				.toEntity(Map.class);

			assertProblem(response, 401, "gateway.token_invalid");
		}
		assertThat(services.get("storage").receivedAt("/storage/v1/bad-token")).isEmpty();
	}

	@Test
	void refusesRequestWithoutKey() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/no-key")
			.retrieve()
			.toEntity(Map.class);

		assertProblem(response, 401, "gateway.api_key_missing");
		assertThat(services.get("storage").receivedAt("/storage/v1/no-key")).isEmpty();
	}

	@Test
	void refusesUserTokenWithoutKey() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/user-no-key")
			.header("Authorization", "Bearer " + auth.userToken(PROJECT_A))
			.retrieve()
			.toEntity(Map.class);

		assertProblem(response, 401, "gateway.api_key_missing");
	}

	@Test
	void refusesUnknownKey() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/unknown-key")
			.header("apikey", "sb_publishable_unknown")
			.retrieve()
			.toEntity(Map.class);

		assertProblem(response, 401, "gateway.api_key_invalid");
		assertThat(services.get("storage").receivedAt("/storage/v1/unknown-key")).isEmpty();
	}

	@Test
	void letsKeylessAuthPathsThrough() {
		ResponseEntity<Map> jwks = TestClients.gateway(this.port)
			.get()
			.uri("/auth/v1/.well-known/jwks.json")
			.retrieve()
			.toEntity(Map.class);
		ResponseEntity<Map> login = TestClients.gateway(this.port)
			.post()
			.uri("/auth/v1/console/login")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"email\":\"admin@example.com\",\"password\":\"secret\"}")
			.retrieve()
			.toEntity(Map.class);

		assertThat(jwks.getStatusCode().value()).isEqualTo(200);
		assertThat(jwks.getBody()).containsKey("keys");
		assertThat(login.getStatusCode().value()).isEqualTo(200);
		assertThat(auth.lastAt("/auth/v1/console/login").body()).isNotEmpty();
	}

	@Test
	void forwardsConsoleAccountTokenWithoutKey() {
		String accountToken = auth.accountToken();

		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/auth/v1/projects")
			.header("Authorization", "Bearer " + accountToken)
			.retrieve()
			.toEntity(Map.class);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(auth.lastAt("/auth/v1/projects").bearerToken()).isEqualTo(accountToken);
	}

	@Test
	void answers503WhenAuthServiceIsDown() {
		auth.unreachable(true);
		try {
			ResponseEntity<Map> response = TestClients.gateway(this.port)
				.get()
				.uri("/storage/v1/auth-down")
				.header("apikey", "sb_publishable_never_seen_" + UUID.randomUUID())
				.retrieve()
				.toEntity(Map.class);

			assertProblem(response, 503, "gateway.auth_unavailable");
		}
		finally {
			auth.unreachable(false);
		}
	}

	@Test
	void remembersKeyResolutionsBriefly() {
		String key = auth.newKey(PROJECT_A);

		for (int i = 0; i < 3; i++) {
			TestClients.gateway(this.port)
				.get()
				.uri("/storage/v1/cached")
				.header("apikey", key)
				.retrieve()
				.toBodilessEntity();
			TestClients.gateway(this.port)
				.get()
				.uri("/storage/v1/cached")
				.header("apikey", "sb_publishable_wrong_" + key)
				.retrieve()
				.toBodilessEntity();
		}

		assertThat(auth.resolutions(key)).isEqualTo(1);
		assertThat(auth.resolutions("sb_publishable_wrong_" + key)).isEqualTo(1);
	}

	@Test
	void refusesRevokedKeyWithinFiveSeconds() {
		String key = auth.newKey(PROJECT_A);
		assertThat(status("/storage/v1/revoked", key)).isEqualTo(200);

		auth.revoke(key);

		// Five seconds of caching at most, plus slack for a loaded machine.
		await().atMost(Duration.ofSeconds(7))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> status("/storage/v1/revoked", key) == 401);
	}

	@Test
	void resolvesKeyAgainOnceItsTokenExpired() {
		String key = auth.newKey(PROJECT_A, Duration.ofSeconds(1));
		assertThat(status("/storage/v1/short-token", key)).isEqualTo(200);

		// Well before the five-second cache limit: the one-second token ends the entry.
		await().atMost(Duration.ofSeconds(4))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> status("/storage/v1/short-token", key) == 200 && auth.resolutions(key) >= 2);
	}

	@Test
	void acceptsEveryOriginForProjectThatAllowsAny() {
		String key = auth.newKey(PROJECT_B, "*");

		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/any-origin")
			.header("apikey", key)
			.header("Origin", "https://anywhere.example")
			.retrieve()
			.toEntity(Map.class);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getAccessControlAllowOrigin()).isEqualTo("https://anywhere.example");
	}

	@Test
	void answersUnknownRouteWithProblem() {
		ResponseEntity<Map> response = TestClients.gateway(this.port).get().uri("/nope").retrieve().toEntity(Map.class);

		assertProblem(response, 404, "request.route_not_found");
	}

	@Test
	void refusesPathsTheFirewallRejectsBeforeProxying() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri(URI.create("http://localhost:" + this.port + "/storage/v1/rejected;jsessionid=1"))
			.header("apikey", KEY_A)
			.retrieve()
			.toEntity(Map.class);

		assertProblem(response, 400, "request.invalid");
		assertThat(services.get("storage").receivedAt("/storage/v1/rejected")).isEmpty();
	}

	@Test
	void leavesTheResponseHeadersOfProxiedRequestsToTheService() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/plain-headers")
			.header("apikey", KEY_A)
			.retrieve()
			.toEntity(Map.class);

		assertThat(response.getHeaders().getFirst("X-Served-By")).isEqualTo("storage");
		assertThat(response.getHeaders().headerNames()).doesNotContain("Cache-Control", "X-Frame-Options",
				"X-Content-Type-Options");
	}

	@Test
	void passesAServiceRefusalOnWithoutRetrying() {
		AtomicInteger calls = new AtomicInteger();
		services.get("storage").on("/storage/v1/busy", (exchange) -> {
			calls.incrementAndGet();
			exchange.getResponseHeaders().add("Retry-After", "1");
			exchange.sendResponseHeaders(503, -1);
		});

		assertThat(status("/storage/v1/busy", KEY_A)).isEqualTo(503);
		assertThat(calls).hasValue(1);
	}

	@Test
	void keepsManyRequestsToOneServiceInFlightAtOnce() throws Exception {
		// Each request is held until all have reached the service: with a small pool of
		// connections per service, the later ones would wait for the first forever.
		int concurrent = 40;
		CountDownLatch arrived = new CountDownLatch(concurrent);
		services.get("storage").on("/storage/v1/held", (exchange) -> {
			arrived.countDown();
			boolean all = awaitQuietly(arrived);
			exchange.sendResponseHeaders(all ? 204 : 503, -1);
		});

		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < concurrent; i++) {
				statuses.add(clients.submit(() -> status("/storage/v1/held", KEY_A)));
			}
			for (Future<Integer> status : statuses) {
				assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(204);
			}
		}
	}

	private static boolean awaitQuietly(CountDownLatch latch) {
		try {
			return latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private int status(String path, String key) {
		return TestClients.gateway(this.port)
			.get()
			.uri(path)
			.header("apikey", key)
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value();
	}

}
