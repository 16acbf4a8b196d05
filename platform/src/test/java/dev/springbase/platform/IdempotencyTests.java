package dev.springbase.platform;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import com.nimbusds.jose.jwk.RSAKey;
import com.zaxxer.hikari.HikariDataSource;
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
import dev.springbase.testsupport.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A retried POST with the same Idempotency-Key creates nothing new and gets the first
 * answer.
 */
@FreshDatabase
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "springbase.api-prefix=/test/v1", "springbase.idempotency.enabled=true",
				"spring.sql.init.mode=always", "spring.sql.init.schema-locations=classpath:idempotency-schema.sql",
				// The pool gives up on a connection after half a second, not thirty.
				"spring.datasource.hikari.connection-timeout=500" })
class IdempotencyTests {

	static final TestJwks jwks = startJwks();

	static final RSAKey key = jwks.publishNewKey();

	@LocalServerPort
	int port;

	@Autowired
	PlatformTestApplication.CounterController counter;

	@Autowired
	PostgresServer.Database database;

	@Autowired
	DataSource dataSource;

	@DynamicPropertySource
	static void security(DynamicPropertyRegistry registry) {
		registry.add("springbase.security.jwks-uri", jwks::uri);
	}

	@AfterAll
	static void stopJwks() {
		jwks.close();
	}

	@Test
	void replaysFirstAnswerForSameKeyAndRequest() {
		int before = this.counter.created();
		ResponseEntity<Map> first = post("caller-a", "key-1", "{\"label\":\"x\"}");
		ResponseEntity<Map> retry = post("caller-a", "key-1", "{\"label\":\"x\"}");

		assertThat(first.getStatusCode().value()).isEqualTo(201);
		assertThat(retry.getStatusCode().value()).isEqualTo(201);
		assertThat(retry.getBody()).isEqualTo(first.getBody());
		assertThat(retry.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
		assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(first.getHeaders().getFirst("Idempotent-Replayed")).isNull();
		assertThat(this.counter.created()).isEqualTo(before + 1);
	}

	@Test
	void refusesSameKeyForDifferentRequest() {
		post("caller-a", "key-2", "{\"label\":\"x\"}");
		ResponseEntity<Map> other = post("caller-a", "key-2", "{\"label\":\"y\"}");

		assertThat(other.getStatusCode().value()).isEqualTo(422);
		assertThat(other.getBody()).containsEntry("code", "request.idempotency_key_reused");
	}

	@Test
	void scopesKeysToTheCaller() {
		int before = this.counter.created();
		post("caller-a", "key-3", "{\"label\":\"x\"}");
		ResponseEntity<Map> otherCaller = post("caller-b", "key-3", "{\"label\":\"x\"}");

		assertThat(otherCaller.getHeaders().getFirst("Idempotent-Replayed")).isNull();
		assertThat(this.counter.created()).isEqualTo(before + 2);
	}

	@Test
	void letsClientRetryAfterServerError() {
		int before = this.counter.created();
		ResponseEntity<Map> failed = post("caller-a", "key-4", "{\"fail\":true}");
		ResponseEntity<Map> retried = post("caller-a", "key-4", "{\"fail\":true}");

		assertThat(failed.getStatusCode().value()).isEqualTo(500);
		assertThat(retried.getStatusCode().value()).isEqualTo(500);
		assertThat(this.counter.created()).isEqualTo(before + 2);
	}

	@Test
	void answersServiceUnavailableWhenTheKeysCannotBeStored() throws SQLException {
		int before = this.counter.created();
		try (PostgresServer.Outage outage = this.database.outage()) {
			ResponseEntity<Map> response = post("caller-a", "key-5", "{\"label\":\"x\"}");

			assertThat(response.getStatusCode().value()).isEqualTo(503);
			assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
			assertThat(response.getBody()).containsEntry("code", "service.unavailable");
		}
		assertThat(this.counter.created()).isEqualTo(before);
		// The outage ended the pooled connections, and the pool opens new ones only after
		// a back-off as long as a request waits (half a second here): wait until it
		// serves
		// again, so that the other tests get connections.
		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		pool.getHikariPoolMXBean().softEvictConnections();
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			try (Connection connection = pool.getConnection()) {
				return connection.isValid(1);
			}
		});
	}

	@Test
	void refusesMalformedKey() {
		ResponseEntity<Map> response = post("caller-a", "x".repeat(300), "{}");

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody()).containsEntry("code", "request.invalid_idempotency_key");
	}

	private ResponseEntity<Map> post(String subject, String idempotencyKey, String json) {
		String token = TestJwks.sign(key, Map.of("sub", subject, "kind", "api_key", "role", "service_role", "project",
				"0190a5c4-0000-7000-8000-000000000001"), Instant.now().plusSeconds(300));
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build()
			.post()
			.uri("/test/v1/counters")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("Idempotency-Key", idempotencyKey)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(Map.class);
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
