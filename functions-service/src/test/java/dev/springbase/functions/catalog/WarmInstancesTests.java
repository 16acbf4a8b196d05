package dev.springbase.functions.catalog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.functions.FunctionsServiceTests;
import dev.springbase.functions.config.FunctionsProperties;
import dev.springbase.functions.workers.WorkerPools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Minimum warm instances: kept started before any invocation, replaced when they die,
 * carried to a new revision and across a restart, and let go once the minimum drops.
 */
class WarmInstancesTests extends FunctionsServiceTests {

	@TempDir
	Path work;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkerPools pools;

	@Autowired
	WarmStart warmStart;

	@Autowired
	FunctionsProperties properties;

	private String name;

	private String path;

	@BeforeEach
	void deployFunction() {
		this.name = uniqueName("warm");
		this.path = "/functions/v1/functions/" + this.name;
		deploy(this.name, behaviourJar(this.work, "ok"));
	}

	@Test
	void startsTheMinimumBeforeAnyInvocationSoTheFirstIsWarm() {
		Reply updated = this.api.json("PATCH", this.path, this.secret, Map.of("minInstances", 1));

		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json()).containsEntry("minInstances", 1);
		awaitReadyWorkers(1);
		Reply invoked = invoke("first");
		assertThat(invoked.text()).isEqualTo("ok:first");
		assertThat(record(invoked)).containsEntry("cold", false);
		assertThat(coldStarts()).isZero();
	}

	@Test
	void replacesAWarmWorkerThatDies() {
		this.api.json("PATCH", this.path, this.secret, Map.of("minInstances", 1));
		awaitReadyWorkers(1);
		UUID first = workerOf(invoke("one"));

		ProcessHandle.current()
			.children()
			.filter((child) -> child.info()
				.arguments()
				.map(List::of)
				.orElse(List.of())
				.toString()
				.contains(first.toString()))
			.forEach(ProcessHandle::destroyForcibly);

		awaitReadyWorkers(2);
		Reply after = invoke("two");
		assertThat(after.text()).isEqualTo("ok:two");
		assertThat(record(after)).containsEntry("cold", false);
		assertThat(workerOf(after)).isNotEqualTo(first);
	}

	@Test
	void keepsTheMinimumThroughTheIdleTimeoutAndLetsItGoOnceItIsZero() throws InterruptedException {
		Duration idleTimeout = this.properties.workers().idleTimeout();
		this.api.json("PATCH", this.path, this.secret, Map.of("minInstances", 1));
		awaitReadyWorkers(1);

		Thread.sleep(idleTimeout.plusSeconds(3));
		assertThat(liveWorkers()).isEqualTo(1);

		Reply lowered = this.api.json("PATCH", this.path, this.secret, Map.of("minInstances", 0));
		assertThat(lowered.json()).containsEntry("minInstances", 0);
		assertThat(liveWorkers()).isEqualTo(1);
		await().atMost(idleTimeout.multipliedBy(2)).until(() -> liveWorkers() == 0);
	}

	@Test
	void warmsThePoolOfANewRevision() {
		this.api.json("PATCH", this.path, this.secret, Map.of("minInstances", 1));
		awaitReadyWorkers(1);

		this.api.json("PATCH", this.path, this.secret, Map.of("env", Map.of("FOO", "bar")));

		awaitReadyWorkers(2);
		Reply invoked = invoke("config");
		assertThat(invoked.text()).isEqualTo("bar/none");
		assertThat(record(invoked)).containsEntry("cold", false);
		assertThat(liveWorkers()).isEqualTo(1);
	}

	@Test
	void warmsKeptInstancesAtStartUp() {
		this.api.json("PATCH", this.path, this.secret, Map.of("minInstances", 1));
		awaitReadyWorkers(1);
		UUID functionId = this.jdbc.sql("select id from functions where name = :name")
			.param("name", this.name)
			.query(UUID.class)
			.single();
		// As if the service had stopped: no pool, no worker.
		this.pools.retire(functionId);
		await().atMost(Duration.ofSeconds(10)).until(() -> liveWorkers() == 0);

		this.warmStart.run(null);

		awaitReadyWorkers(1);
		assertThat(record(invoke("back"))).containsEntry("cold", false);
	}

	@Test
	void refusesAMinimumOutsideZeroToMaxConcurrency() {
		Reply tooMany = this.api.json("PATCH", this.path, this.secret, Map.of("minInstances", 3));
		Reply negative = this.api.json("PATCH", this.path, this.secret, Map.of("minInstances", -1));
		this.api.json("PATCH", this.path, this.secret, Map.of("minInstances", 2));
		Reply belowMinimum = this.api.json("PATCH", this.path, this.secret, Map.of("maxConcurrency", 1));
		String other = auth.secretKeyToken(UUID.randomUUID());

		assertThat(List.of(tooMany, negative, belowMinimum)).allSatisfy((reply) -> {
			assertThat(reply.status()).isEqualTo(400);
			assertThat(reply.code()).isEqualTo("functions.invalid_setting");
		});
		assertThat(tooMany.json().get("detail").toString()).contains("minInstances");
		assertThat(this.api.get(this.path, this.secret).json()).containsEntry("minInstances", 2)
			.containsEntry("maxConcurrency", 2);
		assertThat(this.api.json("PATCH", this.path, other, Map.of("minInstances", 1)).code())
			.isEqualTo("functions.function_not_found");
	}

	private Reply invoke(String input) {
		Reply reply = this.api.post("/functions/v1/" + this.name, this.secret, input, "Content-Type", "text/plain");
		assertThat(reply.status()).as(reply.text()).isEqualTo(200);
		return reply;
	}

	private Map<String, Object> record(Reply invoked) {
		return this.api.get("/functions/v1/invocations/" + invoked.header("Springbase-Invocation-Id"), this.secret)
			.json();
	}

	private UUID workerOf(Reply invoked) {
		return this.jdbc.sql("select worker_id from invocations where id = cast(:id as uuid)")
			.param("id", invoked.header("Springbase-Invocation-Id"))
			.query(UUID.class)
			.single();
	}

	/** Waits until this many workers of the function have become ready, in all. */
	private void awaitReadyWorkers(long count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> readyWorkers() >= count);
	}

	private long readyWorkers() {
		return this.meters.find("springbase.functions.worker.startup")
			.tag("function", this.name)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	private double liveWorkers() {
		Gauge gauge = this.meters.find("springbase.functions.workers").tag("function", this.name).gauge();
		return (gauge != null) ? gauge.value() : 0;
	}

	private double coldStarts() {
		return this.meters.find("springbase.functions.cold_starts")
			.tag("function", this.name)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

}
