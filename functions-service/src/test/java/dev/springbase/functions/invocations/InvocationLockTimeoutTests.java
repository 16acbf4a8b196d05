package dev.springbase.functions.invocations;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.functions.FunctionsServiceTests;
import dev.springbase.testsupport.FunctionJars;
import dev.springbase.testsupport.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An asynchronous invocation records itself on the request's thread. While the
 * invocations table is locked (a migration, an operator's {@code LOCK TABLE}), that
 * insert gives up after the platform's lock timeout and the caller is told to retry,
 * instead of the request waiting as long as the lock is held.
 */
@TestPropertySource(properties = "springbase.database.lock-timeout=500ms")
class InvocationLockTimeoutTests extends FunctionsServiceTests {

	@TempDir
	Path work;

	@Autowired
	PostgresServer.Database database;

	@Test
	void refusesAnAsynchronousInvocationWhileItsTableIsLockedPastTheLockTimeout() throws Exception {
		String name = uniqueName("upper");
		Path jar = FunctionJars.build(this.work, List.of(), Map.of("demo.Upper", """
				package demo;

				public class Upper implements java.util.function.Function<String, String> {

					public String apply(String text) {
						return text.toUpperCase();
					}

				}"""));
		Reply deployed = this.api.deploy(name, this.secret, jar, "demo.Upper");
		assertThat(deployed.status()).as(deployed.text()).isEqualTo(201);

		try (Connection locker = DriverManager.getConnection(this.database.url(), this.database.username(),
				this.database.password()); Statement statement = locker.createStatement()) {
			locker.setAutoCommit(false);
			statement.execute("lock table functions.invocations in access exclusive mode");
			CompletableFuture<Reply> answer = CompletableFuture.supplyAsync(() -> invokeAsync(name));
			// Without a lock timeout the request would wait for the lock to go.
			Reply refused = answer.get(10, TimeUnit.SECONDS);
			locker.rollback();

			assertThat(refused.status()).as(refused.text()).isEqualTo(503);
			assertThat(refused.code()).isEqualTo("service.unavailable");
			assertThat(refused.header("Retry-After")).isEqualTo("5");
		}

		Reply accepted = invokeAsync(name);
		assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
	}

	private Reply invokeAsync(String name) {
		return this.api.post("/functions/v1/" + name + "?async=true", this.secret, "hello", "Content-Type",
				"text/plain");
	}

}
