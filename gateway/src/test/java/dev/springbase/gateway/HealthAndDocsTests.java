package dev.springbase.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

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
 * The gateway reports the platform's health, serves every service's OpenAPI document
 * behind one Swagger UI, and exposes its own actuator endpoints.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HealthAndDocsTests {

	static final Map<String, ServiceStandIn> services = Map.of("auth", new AuthStandIn(), "storage",
			new ServiceStandIn("storage"), "functions", new ServiceStandIn("functions"), "notifications",
			new ServiceStandIn("notifications"));

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
	void reportsUpWhenEveryServiceIsUp() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/health")
			.retrieve()
			.toEntity(Map.class);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).containsEntry("status", "UP");
		assertThat((Map<String, Object>) response.getBody().get("services"))
			.containsOnlyKeys("auth", "storage", "functions", "notifications")
			.allSatisfy((name, health) -> assertThat((Map<String, Object>) health).containsEntry("status", "UP"));
	}

	@Test
	void servesEachServicesOpenApiDocument() {
		for (String name : List.of("auth", "storage", "functions", "notifications")) {
			ResponseEntity<Map> response = TestClients.gateway(this.port)
				.get()
				.uri("/docs/" + name + "/openapi.json")
				.retrieve()
				.toEntity(Map.class);

			assertThat(response.getStatusCode().value()).isEqualTo(200);
			assertThat((Map<String, Object>) response.getBody().get("info")).containsEntry("title", name);
			// The document names the gateway as its server.
			assertThat(services.get(name).lastAt("/v3/api-docs").headers().getFirst("Host"))
				.isEqualTo("localhost:" + this.port);
		}
	}

	@Test
	void answersUnknownServiceDocumentWithProblem() {
		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.get()
			.uri("/docs/nope/openapi.json")
			.retrieve()
			.toEntity(Map.class);

		assertProblem(response, 404, "request.route_not_found");
	}

	@Test
	void servesSwaggerUiListingEveryService() throws Exception {
		HttpResponse<String> ui = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build()
			.send(HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/docs")).build(),
					HttpResponse.BodyHandlers.ofString());
		ResponseEntity<Map> config = TestClients.gateway(this.port)
			.get()
			.uri("/v3/api-docs/swagger-config")
			.retrieve()
			.toEntity(Map.class);

		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui");
		assertThat(config.getBody().get("urls").toString()).contains("/docs/auth/openapi.json",
				"/docs/storage/openapi.json", "/docs/functions/openapi.json", "/docs/notifications/openapi.json");
	}

	@Test
	void exposesItsOwnHealthAndMetrics() {
		ResponseEntity<Map> health = TestClients.gateway(this.port)
			.get()
			.uri("/actuator/health")
			.retrieve()
			.toEntity(Map.class);
		ResponseEntity<String> metrics = TestClients.gateway(this.port)
			.get()
			.uri("/actuator/prometheus")
			.retrieve()
			.toEntity(String.class);

		assertThat(health.getStatusCode().value()).isEqualTo(200);
		assertThat(health.getBody()).containsEntry("status", "UP");
		assertThat(metrics.getStatusCode().value()).isEqualTo(200);
		assertThat(metrics.getBody()).contains("cache_gets_total{cache=\"gateway.api_keys\"");
	}

}
