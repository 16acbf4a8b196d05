package dev.springbase.platform.events;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer meters of the event backbone: outbox depth and relay lag (read from the
 * outbox at most once a second), delivery latency from publish to handled, retries, dead
 * letters and duplicates skipped by the processed-id record.
 */
class EventMetrics {

	private static final Duration BACKLOG_CACHE = Duration.ofSeconds(1);

	private final MeterRegistry registry;

	private final Outbox outbox;

	private final AtomicReference<CachedBacklog> backlog = new AtomicReference<>();

	EventMetrics(MeterRegistry registry, Outbox outbox) {
		this.registry = registry;
		this.outbox = outbox;
		Gauge.builder("springbase.events.outbox.depth", this, (metrics) -> metrics.backlog().depth())
			.description("Committed events in this service's outbox not yet relayed")
			.register(registry);
		Gauge.builder("springbase.events.relay.lag", this, (metrics) -> metrics.backlog().lagSeconds())
			.description("Age of the oldest event not yet relayed")
			.baseUnit("seconds")
			.register(registry);
	}

	/** Records an event handled by a subscription, timed from its publication. */
	void handled(String subscription, CloudEvent event) {
		Counter.builder("springbase.events.handled")
			.tag("subscription", subscription)
			.register(this.registry)
			.increment();
		if (event.getTime() != null) {
			Duration latency = Duration.between(event.getTime().toInstant(), Instant.now());
			Timer.builder("springbase.events.delivery.latency")
				.description("From publishing an event to its handler completing")
				.tag("subscription", subscription)
				.publishPercentiles(0.5, 0.99)
				.publishPercentileHistogram()
				.register(this.registry)
				.record(latency.isNegative() ? Duration.ZERO : latency);
		}
	}

	void duplicate(String subscription) {
		Counter.builder("springbase.events.duplicates")
			.description("Deliveries skipped because the event was processed before")
			.tag("subscription", subscription)
			.register(this.registry)
			.increment();
	}

	void retried(String subscription) {
		Counter.builder("springbase.events.retries")
			.tag("subscription", subscription)
			.register(this.registry)
			.increment();
	}

	void deadLettered(String subscription) {
		Counter.builder("springbase.events.dead_letters")
			.tag("subscription", subscription)
			.register(this.registry)
			.increment();
	}

	private Outbox.Backlog backlog() {
		CachedBacklog cached = this.backlog.get();
		if (cached == null || cached.readAt().plus(BACKLOG_CACHE).isBefore(Instant.now())) {
			cached = new CachedBacklog(this.outbox.backlog(), Instant.now());
			this.backlog.set(cached);
		}
		return cached.backlog();
	}

	private record CachedBacklog(Outbox.Backlog backlog, Instant readAt) {

	}

}
