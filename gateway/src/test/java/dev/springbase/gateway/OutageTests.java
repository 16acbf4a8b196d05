package dev.springbase.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.springbase.gateway.TestClients.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the functions service down (nothing listens on its port), the platform reports
 * unhealthy and names it, and requests for it fail fast with a problem.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OutageTests {

	static final AuthStandIn auth = new AuthStandIn();

	static final ServiceStandIn storage = new ServiceStandIn("storage");

	static final ServiceStandIn notifications = new ServiceStandIn("notifications");

	static final String KEY = auth.newKey(UUID.randomUUID());

	static final int FUNCTIONS_PORT = closedPort();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("springbase.gateway.services.auth", auth::uri);
		registry.add("springbase.gateway.services.storage", storage::uri);
		registry.add("springbase.gateway.services.notifications", notifications::uri);
		registry.add("springbase.gateway.services.functions", () -> "http://127.0.0.1:" + FUNCTIONS_PORT);
	}

	@AfterAll
	static void stopServices() {
		auth.close();
		storage.close();
		notifications.close();
	}

	@Test
	void reportsDownNamingTheServiceThatIsDown() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/health")
			.retrieve()
			.toEntity(Map.class);

		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getBody()).containsEntry("status", "DOWN");
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) response.getBody()
			.get("services");
		assertThat(services.get("functions")).containsEntry("status", "DOWN").containsKey("detail");
		assertThat(services.get("auth")).containsEntry("status", "UP");
		assertThat(services.get("storage")).containsEntry("status", "UP");
	}

	@Test
	void answersRequestsForServiceThatIsDownWith503() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.post()
			.uri("/functions/v1/invoke/thumbnail")
			.header("apikey", KEY)
			.body("{}")
			.retrieve()
			.toEntity(Map.class);

		assertProblem(response, 503, "gateway.service_unavailable");
	}

	@Test
	void answersPreflightWith503WhileAuthServiceIsDown() {
		auth.unreachable(true);
		try {
			ResponseEntity<Map> preflight = TestClients.gateway(this.port)
				.options()
				.uri("/storage/v1/objects")
				.header("Origin", "https://app.example")
				.header("Access-Control-Request-Method", "POST")
				.retrieve()
				.toEntity(Map.class);
			ResponseEntity<Map> health = TestClients.gateway(this.port)
				.get()
				.uri("/health")
				.retrieve()
				.toEntity(Map.class);

			assertProblem(preflight, 503, "gateway.auth_unavailable");
			assertThat(((Map<String, Map<String, Object>>) health.getBody().get("services")).get("auth"))
				.containsEntry("status", "DOWN");
		}
		finally {
			auth.unreachable(false);
		}
	}

	@Test
	void answersConsoleCallWith503WhenSigningKeysCannotBeFetched() {
		auth.unreachable(true);
		try {
			ResponseEntity<Map> response = TestClients.gateway(this.port)
				.get()
				.uri("/storage/v1/buckets")
				.header("Authorization", "Bearer " + auth.accountToken())
				.retrieve()
				.toEntity(Map.class);

			assertProblem(response, 503, "gateway.auth_unavailable");
		}
		finally {
			auth.unreachable(false);
		}
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
