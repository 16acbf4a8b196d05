package dev.springbase.functions.workers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.functions.FunctionsServiceTests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Metrics per function, as the registry holds them and Prometheus scrapes them.
 */
class FunctionMetricsTests extends FunctionsServiceTests {

	@TempDir
	Path work;

	@Autowired
	MeterRegistry meters;

	private String name;

	@BeforeEach
	void deployFunction() {
		this.name = uniqueName("metered");
		deploy(this.name, behaviourJar(this.work, "ok"));
	}

	@Test
	void countsInvocationsByStatusAndTimesThemColdAndWarm() {
		invoke("a");
		invoke("b");
		invoke("boom");

		assertThat(invocations("succeeded", "none")).isEqualTo(2);
		assertThat(invocations("failed", "functions.function_failed")).isEqualTo(1);
		assertThat(duration("cold").count()).isEqualTo(1);
		assertThat(duration("warm").count()).isEqualTo(2);
		assertThat(this.meters.get("springbase.functions.cold_starts").tags(tags()).counter().count()).isEqualTo(1);
		assertThat(
				this.meters.get("springbase.functions.worker.startup").tags(tags()).tag("aot", "false").timer().count())
			.isEqualTo(1);

		String scraped = this.api.get("/actuator/prometheus", null).text();
		assertThat(scraped).contains("springbase_functions_invocations_total{error=\"none\",function=\"" + this.name
				+ "\",project=\"" + this.project + "\",status=\"succeeded\",trigger=\"http\"} 2.0");
		assertThat(scraped).contains("springbase_functions_duration_seconds_bucket{function=\"" + this.name);
		assertThat(scraped).contains("springbase_functions_cold_starts_total{function=\"" + this.name);
	}

	@Test
	void gaugesBusyWorkersAndQueuedInvocations() {
		this.api.json("PATCH", "/functions/v1/functions/" + this.name, this.secret,
				Map.of("maxConcurrency", 1, "timeoutSeconds", 3));

		startAsync("loop");
		startAsync("loop");

		await().atMost(Duration.ofSeconds(30)).until(() -> gauge("concurrency") == 1 && gauge("queued") == 1);
		assertThat(gauge("workers")).isEqualTo(1);
		await().atMost(Duration.ofSeconds(30)).until(() -> invocations("timed_out", "functions.timeout") == 2);
		assertThat(gauge("concurrency")).isZero();
		assertThat(gauge("queued")).isZero();
	}

	@Test
	void removesTheMetersOfADeletedFunction() {
		invoke("a");
		assertThat(this.meters.find("springbase.functions.invocations").tags(tags()).counters()).isNotEmpty();

		assertThat(this.api.delete("/functions/v1/functions/" + this.name, this.secret).status()).isEqualTo(204);

		assertThat(this.meters.getMeters()).noneMatch((meter) -> this.name.equals(meter.getId().getTag("function")));
	}

	private void invoke(String input) {
		this.api.post("/functions/v1/" + this.name, this.secret, input, "Content-Type", "text/plain");
	}

	private void startAsync(String input) {
		Reply accepted = this.api.post("/functions/v1/" + this.name + "?async=true", this.secret, input, "Content-Type",
				"text/plain");
		assertThat(accepted.status()).isEqualTo(202);
	}

	private String[] tags() {
		return new String[] { "project", this.project.toString(), "function", this.name };
	}

	private double invocations(String status, String error) {
		Counter counter = this.meters.find("springbase.functions.invocations")
			.tags(tags())
			.tag("status", status)
			.tag("error", error)
			.tag("trigger", "http")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private Timer duration(String start) {
		return this.meters.get("springbase.functions.duration").tags(tags()).tag("start", start).timer();
	}

	private double gauge(String name) {
		Gauge gauge = this.meters.find("springbase.functions." + name).tags(tags()).gauge();
		return (gauge != null) ? gauge.value() : -1;
	}

}
