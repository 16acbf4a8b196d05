package dev.springbase.platform.errors;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import dev.springbase.testsupport.FreshDatabase;
import dev.springbase.testsupport.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the service's database refuses connections, requests that need it answer 503
 * {@code service.unavailable} with {@code Retry-After}, not a 500, and health says DOWN;
 * once it is back they are served again. A statement the database gives up on answers the
 * same, saying it is busy. A broken statement is still a bug.
 */
@FreshDatabase
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "springbase.api-prefix=/test/v1", "springbase.security.public-paths=/test/v1/rows/**",
				// The pool gives up on a connection after half a second, not thirty.
				"spring.datasource.hikari.connection-timeout=500",
				// A statement gives up on a lock after half a second, not ten.
				"springbase.database.lock-timeout=500ms" })
@Import(DatabaseUnavailableTests.RowsController.class)
@ExtendWith(OutputCaptureExtension.class)
class DatabaseUnavailableTests {

	private static final String ROLLBACK_FAILED = "Application exception overridden by rollback exception";

	@LocalServerPort
	int port;

	@Autowired
	PostgresServer.Database database;

	@Test
	void answersServiceUnavailableWhileTheDatabaseRefusesConnections(CapturedOutput output) {
		assertThat(get("/test/v1/rows/count").getStatusCode().value()).isEqualTo(200);

		try (PostgresServer.Outage outage = this.database.outage()) {
			ResponseEntity<Map> response = get("/test/v1/rows/count");

			assertUnavailable(response);
			assertThat(output).contains("503 service.unavailable").doesNotContain("Unexpected error");
		}

		assertServedAgain(() -> get("/test/v1/rows/count"));
	}

	@Test
	void answersServiceUnavailableWhenATransactionCannotBegin() {
		try (PostgresServer.Outage outage = this.database.outage()) {
			assertUnavailable(post("/test/v1/rows"));
		}

		assertServedAgain(() -> post("/test/v1/rows"));
	}

	/**
	 * The connection dies inside a transaction, so the rollback fails too, and Spring
	 * reports the rollback's failure ("JDBC rollback failed") instead of the lost
	 * connection.
	 */
	@Test
	void answersServiceUnavailableWhenTheConnectionIsLostInATransaction(CapturedOutput output) {
		assertUnavailable(post("/test/v1/rows/lost"));
		assertServedAgain(() -> post("/test/v1/rows"));
		assertUnavailable(post("/test/v1/rows/lost-declared"));
		assertServedAgain(() -> post("/test/v1/rows"));

		// One warn line each, not Spring's stack trace of the failed rollback.
		assertThat(output).contains("503 service.unavailable").doesNotContain(ROLLBACK_FAILED);
	}

	@Test
	void logsABugWhoseRollbackFailedToo(CapturedOutput output) {
		ResponseEntity<Map> response = post("/test/v1/rows/lost-then-broken");

		assertThat(response.getStatusCode().value()).isEqualTo(500);
		assertThat(response.getBody()).containsEntry("code", "internal.error");
		assertThat(output).contains("Unexpected error")
			.contains("java.lang.IllegalStateException: broken once its connection was gone")
			.doesNotContain(ROLLBACK_FAILED);
		assertServedAgain(() -> post("/test/v1/rows"));
	}

	@Test
	void answersServiceUnavailableWhenAStatementTimesOut() {
		ResponseEntity<Map> response = get("/test/v1/rows/slow");

		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(response.getBody()).containsEntry("code", "service.unavailable")
			.containsEntry("detail",
					"The service's database is too busy to finish this request right now; try again shortly.");
	}

	@Test
	void answersServiceUnavailableWhenALockIsHeldLongerThanTheLockTimeout() throws Exception {
		assertThat(post("/test/v1/rows").getStatusCode().value()).isEqualTo(200);

		try (Connection holder = DriverManager.getConnection(this.database.url(), this.database.username(),
				this.database.password()); Statement statement = holder.createStatement()) {
			holder.setAutoCommit(false);
			statement.execute("lock table rows in access exclusive mode");
			CompletableFuture<ResponseEntity<Map>> answer = CompletableFuture.supplyAsync(() -> post("/test/v1/rows"));
			// Without a lock timeout the insert would wait as long as the lock is held.
			ResponseEntity<Map> response = answer.get(10, TimeUnit.SECONDS);
			holder.rollback();

			assertThat(response.getStatusCode().value()).isEqualTo(503);
			assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
			assertThat(response.getBody()).containsEntry("code", "service.unavailable")
				.containsEntry("detail",
						"The service's database is too busy to finish this request right now; try again shortly.");
		}

		assertThat(post("/test/v1/rows").getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void reportsTheDatabaseDownInHealth() {
		try (PostgresServer.Outage outage = this.database.outage()) {
			ResponseEntity<Map> health = get("/actuator/health");

			assertThat(health.getStatusCode().value()).isEqualTo(503);
			assertThat(health.getBody()).containsEntry("status", "DOWN");
		}
	}

	@Test
	void keepsABrokenStatementAnInternalError() {
		ResponseEntity<Map> response = get("/test/v1/rows/broken");

		assertThat(response.getStatusCode().value()).isEqualTo(500);
		assertThat(response.getBody()).containsEntry("code", "internal.error");
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNull();
	}

	private static void assertUnavailable(ResponseEntity<Map> response) {
		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(response.getBody()).containsEntry("code", "service.unavailable")
			.containsEntry("detail", "The service cannot reach its database right now; try again shortly.")
			.containsKey("requestId");
	}

	/**
	 * Once the database is back, the first requests may still draw pooled connections
	 * that the outage ended (the pool checks only those idle a while): each answers 503
	 * and is dropped, and a retry soon succeeds.
	 */
	private static void assertServedAgain(Supplier<ResponseEntity<Map>> request) {
		for (int attempt = 1;; attempt++) {
			ResponseEntity<Map> response = request.get();
			if (response.getStatusCode().value() == 200) {
				return;
			}
			assertUnavailable(response);
			assertThat(attempt).as("attempts until served again").isLessThan(20);
		}
	}

	private ResponseEntity<Map> get(String path) {
		return client().get().uri(path).retrieve().toEntity(Map.class);
	}

	private ResponseEntity<Map> post(String path) {
		return client().post().uri(path).retrieve().toEntity(Map.class);
	}

	private RestClient client() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@RestController
	static class RowsController {

		private final JdbcClient jdbc;

		private final TransactionTemplate transactions;

		RowsController(JdbcClient jdbc, TransactionTemplate transactions) {
			this.jdbc = jdbc;
			this.transactions = transactions;
		}

		@GetMapping("/test/v1/rows/count")
		Map<String, Object> count() {
			return Map.of("count", this.jdbc.sql("select count(*) from pg_class").query(Long.class).single());
		}

		@PostMapping("/test/v1/rows")
		Map<String, Object> insert() {
			List<Long> written = this.transactions.execute((status) -> {
				this.jdbc.sql("create table if not exists rows (id bigint generated always as identity)").update();
				return this.jdbc.sql("insert into rows default values returning id").query(Long.class).list();
			});
			return Map.of("ids", written);
		}

		@PostMapping("/test/v1/rows/lost")
		Map<String, Object> lost() {
			return Map.of("rows", this.transactions.execute(
					(status) -> this.jdbc.sql("select pg_terminate_backend(pg_backend_pid())").query().listOfRows()));
		}

		@PostMapping("/test/v1/rows/lost-declared")
		@Transactional
		public Map<String, Object> lostDeclared() {
			return Map.of("rows", this.jdbc.sql("select pg_terminate_backend(pg_backend_pid())").query().listOfRows());
		}

		@PostMapping("/test/v1/rows/lost-then-broken")
		Map<String, Object> lostThenBroken() {
			return Map.of("rows", this.transactions.execute((status) -> {
				try {
					return this.jdbc.sql("select pg_terminate_backend(pg_backend_pid())").query().listOfRows();
				}
				catch (DataAccessException ex) {
					throw new IllegalStateException("broken once its connection was gone");
				}
			}));
		}

		@GetMapping("/test/v1/rows/slow")
		Map<String, Object> slow() {
			return Map.of("slept", this.transactions.execute((status) -> {
				this.jdbc.sql("set local statement_timeout = '50ms'").update();
				return this.jdbc.sql("select pg_sleep(5)").query().listOfRows();
			}));
		}

		@GetMapping("/test/v1/rows/broken")
		Map<String, Object> broken() {
			return Map.of("rows", this.jdbc.sql("select * from no_such_table").query().listOfRows());
		}

	}

}
