package dev.springbase.functions.invocations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * While the service's database is unreachable, an invocation that cannot be recorded is
 * refused with 503 {@code service.unavailable} and its function never runs, synchronous
 * or not; once the database is back the same call runs. The function writes the file its
 * input names, so the test sees whether its code ran.
 */
@TestPropertySource(properties = {
		// The pool gives up on a connection after half a second, not thirty.
		"spring.datasource.hikari.connection-timeout=500",
		// The deployment stays known, so the invocation's own record is the first write.
		"springbase.functions.deployment-recheck=1h" })
class InvocationOutageTests extends FunctionsServiceTests {

	@TempDir
	Path work;

	@Autowired
	PostgresServer.Database database;

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
