package dev.springbase.functions.workers;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.functions.FunctionsServiceTests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each invocation sets a timer for its wait in the queue and one for its run; both go
 * when it ends, so a busy function does not leave the scheduler holding every invocation
 * of the last minute.
 */
class InvocationTimersTests extends FunctionsServiceTests {

	@TempDir
	Path work;

	@Autowired
	WorkerPools pools;

	@Test
	void dropsTheTimersOfEndedInvocations() {
		String name = uniqueName("timed");
		deploy(name, behaviourJar(this.work, "ok"));
		int before = this.pools.scheduledTasks();

		for (int i = 0; i < 20; i++) {
			assertThat(invoke(name, "call-" + i).status()).isEqualTo(200);
		}
		invoke(name, "boom");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.pools.scheduledTasks()).isEqualTo(before));
	}

	private Reply invoke(String name, String input) {
		return this.api.post("/functions/v1/" + name, this.secret, input, "Content-Type", "text/plain");
	}

}
