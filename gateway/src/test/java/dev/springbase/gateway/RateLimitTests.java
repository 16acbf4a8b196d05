package dev.springbase.gateway;

import java.time.Duration;
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
import static org.awaitility.Awaitility.await;

/**
 * Requests over the budget of their API key or of their client address are refused with
 * 429 and a Retry-After, until the bucket has refilled. The gateway trusts
 * X-Forwarded-For here, so each test can be its own client address. Buckets refill one
 * token every two seconds, slow enough that a loaded machine cannot refill them between
 * two requests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "springbase.gateway.trust-forwarded-headers=true",
				"springbase.gateway.rate-limit.per-key.capacity=3", "springbase.gateway.rate-limit.per-key.period=6s",
				"springbase.gateway.rate-limit.per-ip.capacity=5", "springbase.gateway.rate-limit.per-ip.period=10s" })
class RateLimitTests {

	static final AuthStandIn auth = new AuthStandIn();

	static final ServiceStandIn storage = new ServiceStandIn("storage");

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
	void refusesKeyOverItsBudgetUntilRefilled() {
		String key = auth.newKey(UUID.randomUUID());
		for (int i = 0; i < 3; i++) {
			// A new address each time: only the key's budget is spent.
			assertThat(keyed(key, "10.0.1." + i).getStatusCode().value()).isEqualTo(200);
		}

		ResponseEntity<Map> refused = keyed(key, "10.0.1.100");

		assertProblem(refused, 429, "gateway.rate_limited");
		assertThat(Long.parseLong(refused.getHeaders().getFirst("Retry-After"))).isGreaterThanOrEqualTo(1);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> keyed(key, "10.0.1.200").getStatusCode().value() == 200);
	}

	@Test
	void budgetsEachKeyOnItsOwn() {
		String busy = auth.newKey(UUID.randomUUID());
		String quiet = auth.newKey(UUID.randomUUID());
		for (int i = 0; i < 4; i++) {
			keyed(busy, "10.0.2." + i);
		}

		assertThat(keyed(busy, "10.0.2.50").getStatusCode().value()).isEqualTo(429);
		assertThat(keyed(quiet, "10.0.2.51").getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void refusesAddressOverItsBudgetUntilRefilled() {
		String address = "10.0.3.1";
		for (int i = 0; i < 5; i++) {
			assertThat(fromAddress(address).getStatusCode().value()).isEqualTo(404);
		}

		ResponseEntity<Map> refused = fromAddress(address);

		assertProblem(refused, 429, "gateway.rate_limited");
		assertThat(Long.parseLong(refused.getHeaders().getFirst("Retry-After"))).isGreaterThanOrEqualTo(1);
		assertThat(fromAddress("10.0.3.2").getStatusCode().value()).isEqualTo(404);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> fromAddress(address).getStatusCode().value() == 404);
	}

	@Test
	void tellsServiceTheClientAddressFromTrustedProxy() {
		String key = auth.newKey(UUID.randomUUID());

		TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/client-address")
			.header("apikey", key)
			.header("X-Forwarded-For", "203.0.113.9, 10.0.4.1")
			.retrieve()
			.toBodilessEntity();

		assertThat(storage.lastAt("/storage/v1/client-address").headers().getFirst("X-Forwarded-For"))
			.isEqualTo("10.0.4.1");
	}

	private ResponseEntity<Map> keyed(String key, String address) {
		return TestClients.gateway(this.port)
			.get()
			.uri("/storage/v1/limited")
			.header("apikey", key)
			.header("X-Forwarded-For", address)
			.retrieve()
			.toEntity(Map.class);
	}

	private ResponseEntity<Map> fromAddress(String address) {
		return TestClients.gateway(this.port)
			.get()
			.uri("/nope")
			.header("X-Forwarded-For", address)
			.retrieve()
			.toEntity(Map.class);
	}

}
