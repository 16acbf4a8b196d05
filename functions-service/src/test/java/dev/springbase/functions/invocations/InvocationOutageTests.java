package dev.springbase.functions.invocations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.functions.FunctionsServiceTests;
import dev.springbase.testsupport.FunctionJars;
import dev.springbase.testsupport.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While the service's database is unreachable, or too slow to record an invocation, the
 * invocation is refused with 503 {@code service.unavailable} and its function never runs,
 * synchronous or not; once the database is back the same call runs. The function writes
 * the file its input names, so the test sees whether its code ran.
 */
@TestPropertySource(properties = {
		// The pool gives up on a connection after half a second, not thirty.
		"spring.datasource.hikari.connection-timeout=500",
		// The deployment stays known, so the invocation's own record is the first write.
		"springbase.functions.deployment-recheck=1h",
		// One worker, so that a worker held by an invocation that cannot run shows.
		"springbase.functions.defaults.max-concurrency=1",
		// A locked invocations table is given up on soon.
		"springbase.functions.workers.record-timeout=2s",
		// The invocations' inserts wait out the test's lock, whatever the machine's
		// speed:
		// the record timeout, not the lock timeout, is what gives up on them here.
		"springbase.database.lock-timeout=1m" })
class InvocationOutageTests extends FunctionsServiceTests {

	@TempDir
	Path work;

	@Autowired
	PostgresServer.Database database;

	@Autowired
	MeterRegistry meters;

	private String name;

	@BeforeEach
	void deployFunctionThatWritesAFile() {
		this.name = uniqueName("touch");
		Path jar = FunctionJars.build(this.work, List.of(), Map.of("demo.Touch", """
								package demo;

								import java.io.IOException;
								import java.io.UncheckedIOException;
								import java.nio.file.Files;
								import java.nio.file.Path;
				import java.time.Duration;

								public class Touch implements java.util.function.Function<String, String> {

									public String apply(String file) {
										try {
											Files.writeString(Path.of(file), "ran");
										}
										catch (IOException ex) {
											throw new UncheckedIOException(ex);
										}
										return "wrote " + file;
									}

								}"""));
		Reply deployed = this.api.deploy(this.name, this.secret, jar, "demo.Touch");
		assertThat(deployed.status()).as(deployed.text()).isEqualTo(201);
		assertThat(invoke(this.work.resolve("warm-up"), false).status()).isEqualTo(200);
	}

	@Test
	void refusesASynchronousInvocationItCannotRecordBeforeTheFunctionRuns() {
		Path sideEffect = this.work.resolve("during-outage");

		try (PostgresServer.Outage outage = this.database.outage()) {
			Reply refused = invoke(sideEffect, false);

			assertUnavailable(refused);
			assertThat(sideEffect).doesNotExist();
			Reply health = this.api.get("/actuator/health", null);
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json()).containsEntry("status", "DOWN");
		}

		assertThat(invokeOnceServed(sideEffect, false).text()).isEqualTo("wrote " + sideEffect);
		assertThat(sideEffect).hasContent("ran");
	}

	@Test
	void refusesAnAsynchronousInvocationItCannotRecord() {
		Path sideEffect = this.work.resolve("async-during-outage");

		try (PostgresServer.Outage outage = this.database.outage()) {
			assertUnavailable(invoke(sideEffect, true));
		}

		assertThat(sideEffect).doesNotExist();
		assertThat(invokeOnceServed(sideEffect, true).status()).isEqualTo(202);
		// Accepted once recorded, it runs; and it writes before the directory goes.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sideEffect).hasContent("ran"));
	}

	@Test
	@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
	void givesUpOnASynchronousInvocationWhoseRecordIsNotWrittenInTime() throws SQLException {
		Path sideEffect = this.work.resolve("while-locked");
		Reply refused;
		long waitedNanos;
		Reply refusedAgain;

		try (Connection locker = DriverManager.getConnection(this.database.url(), this.database.username(),
				this.database.password()); Statement statement = locker.createStatement()) {
			// Holds every write to the invocations table until the transaction ends.
			locker.setAutoCommit(false);
			statement.execute("lock table functions.invocations in access exclusive mode");
			long start = System.nanoTime();
			refused = invoke(sideEffect, false);
			waitedNanos = System.nanoTime() - start;
			refusedAgain = invoke(sideEffect, false);
			// The one worker let the first go and took the second: none waits in the
			// queue.
			await().atMost(Duration.ofSeconds(5)).until(() -> queuedGauge() == 0);
			locker.rollback();
		}

		assertUnavailable(refused);
		assertUnavailable(refusedAgain);
		// Answered soon after the record timeout, long before the function's own (30 s).
		assertThat(Duration.ofNanos(waitedNanos)).isLessThan(Duration.ofSeconds(15));
		// The records written once the lock went say the invocations failed, not that
		// they wait.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(invocations()).filteredOn((record) -> !"succeeded".equals(record.get("status")))
						.hasSize(2)
						.allSatisfy((record) -> assertThat(record).containsEntry("status", "failed")
							.containsEntry("errorCode", "functions.not_recorded")));
		assertThat(sideEffect).doesNotExist();
		// Once the lock is gone, the worker serves the next.
		Path next = this.work.resolve("after-lock");
		Reply served = invoke(next, false);
		assertThat(served.status()).as(served.text()).isEqualTo(200);
		assertThat(next).hasContent("ran");
		assertThat(sideEffect).doesNotExist();
	}

	private double queuedGauge() {
		Gauge gauge = this.meters.find("springbase.functions.queued")
			.tags("project", this.project.toString(), "function", this.name)
			.gauge();
		return (gauge != null) ? gauge.value() : -1;
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> invocations() {
		Reply page = this.api.get("/functions/v1/invocations?function=" + this.name, this.secret);
		assertThat(page.status()).as(page.text()).isEqualTo(200);
		return (List<Map<String, Object>>) page.json().get("items");
	}

	private Reply invoke(Path file, boolean async) {
		return this.api.post("/functions/v1/" + this.name + (async ? "?async=true" : ""), this.secret, file.toString(),
				"Content-Type", "text/plain");
	}

	/**
	 * The first calls after the outage may still draw pooled connections that it ended:
	 * each is refused the same way and dropped, and a retry soon goes through.
	 */
	private Reply invokeOnceServed(Path file, boolean async) {
		for (int attempt = 1;; attempt++) {
			Reply reply = invoke(file, async);
			if (reply.status() < 300) {
				return reply;
			}
			assertUnavailable(reply);
			assertThat(attempt).as("attempts until served again").isLessThan(20);
		}
	}

	private static void assertUnavailable(Reply reply) {
		assertThat(reply.status()).as(reply.text()).isEqualTo(503);
		assertThat(reply.code()).isEqualTo("service.unavailable");
		assertThat(reply.header("Retry-After")).isEqualTo("5");
	}

}
