package dev.springbase.functions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionsApplicationTests extends FunctionsServiceTests {

	@Test
	void reportsHealthyWithMigratedSchema() {
		FunctionsClient.Reply health = this.api.get("/actuator/health", null);
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json()).containsEntry("status", "UP");
	}

	@Test
	void refusesCallsWithoutPlatformToken() {
		FunctionsClient.Reply response = this.api.get("/functions/v1/functions", null);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("auth.unauthenticated");
	}

	@Test
	void refusesWorkersWithoutTheirToken() {
		FunctionsClient.Reply response = this.api.get("/internal/workers/" + java.util.UUID.randomUUID() + "/next",
				null, "X-Worker-Token", "guess");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.code()).isEqualTo("functions.worker_not_found");
	}

}
