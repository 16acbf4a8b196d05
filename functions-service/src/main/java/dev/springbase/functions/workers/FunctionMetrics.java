package dev.springbase.functions.workers;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer meters per function, tagged with the project id and the function's name.
 * There is one series per function (times a few statuses, triggers and error codes), so
 * the number of series grows with the number of deployed functions and no faster; a
 * deleted function's meters are removed with it.
 */
final class FunctionMetrics {

	static final String PREFIX = "springbase.functions.";

	private final MeterRegistry registry;

	FunctionMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * One invocation ended: counted by status and error code, and timed from its
	 * acceptance to its outcome when a worker took it.
	 */
	void ended(DeployedFunction function, PendingInvocation invocation, InvocationOutcome outcome) {
		Tags tags = tags(function);
		Counter.builder(PREFIX + "invocations")
			.description("Invocations that ended, by status and error code")
			.tags(tags)
			.tag("trigger", invocation.trigger())
			.tag("status", outcome.status().word())
			.tag("error", (outcome.errorCode() != null) ? outcome.errorCode() : "none")
			.register(this.registry)
			.increment();
		if (outcome.cold() != null) {
			Timer.builder(PREFIX + "duration")
				.description("From an invocation's acceptance to its worker's result, queueing and cold start included")
				.tags(tags)
				.tag("start", outcome.cold() ? "cold" : "warm")
				.publishPercentileHistogram()
				.register(this.registry)
				.record(invocation.latency());
		}
	}

	/** An invocation waited for its worker to start. */
	void coldStart(DeployedFunction function) {
		Counter.builder(PREFIX + "cold_starts")
			.description("Invocations that waited for a worker process to start")
			.tags(tags(function))
			.register(this.registry)
			.increment();
	}

	/** A worker process became ready: from its start to its first request for work. */
	void workerReady(DeployedFunction function, Duration startup, boolean aotCache) {
		Timer.builder(PREFIX + "worker.startup")
			.description("From starting a worker process to its first request for work")
			.tags(tags(function))
			.tag("aot", String.valueOf(aotCache))
			.publishPercentileHistogram()
			.register(this.registry)
			.record(startup);
	}

	/**
	 * Gauges of the function's current pool, whichever revision it serves: busy workers
	 * (its concurrency), queued invocations, and live workers (warm ones included).
	 */
	<T> void watch(DeployedFunction function, T pools, ToDoubleFunction<T> busy, ToDoubleFunction<T> queued,
			ToDoubleFunction<T> live) {
		Tags tags = tags(function);
		Gauge.builder(PREFIX + "concurrency", pools, busy)
			.description("Invocations running now")
			.tags(tags)
			.register(this.registry);
		Gauge.builder(PREFIX + "queued", pools, queued)
			.description("Invocations waiting for a free worker")
			.tags(tags)
			.register(this.registry);
		Gauge.builder(PREFIX + "workers", pools, live)
			.description("Worker processes started and not stopped, idle or busy")
			.tags(tags)
			.register(this.registry);
	}

	/** Removes every meter of a deleted function. */
	void forget(UUID projectId, String name) {
		List<Meter> meters = this.registry.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getName().startsWith(PREFIX)
					&& projectId.toString().equals(meter.getId().getTag("project"))
					&& name.equals(meter.getId().getTag("function")))
			.toList();
		meters.forEach(this.registry::remove);
	}

	private static Tags tags(DeployedFunction function) {
		return Tags.of("project", function.projectId().toString(), "function", function.name());
	}

}
