package dev.springbase.storage;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import dev.springbase.testsupport.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

@FreshDatabase
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StorageApplicationTests {

	@LocalServerPort
	int port;

	@Test
	void reportsHealthyWithMigratedSchema() {
		ResponseEntity<Map> health = client().get().uri("/actuator/health").retrieve().toEntity(Map.class);
		assertThat(health.getStatusCode().value()).isEqualTo(200);
		assertThat(health.getBody()).containsEntry("status", "UP");
	}

	@Test
	void refusesCallsWithoutPlatformToken() {
		ResponseEntity<Map> response = client().get().uri("/storage/v1/whoami").retrieve().toEntity(Map.class);
		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getBody()).containsEntry("code", "auth.unauthenticated");
	}

	private RestClient client() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

}
