package dev.springbase.platform.events;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the wait after the n-th failure is the initial backoff
 * doubled n-1 times, capped, less a random share of up to {@code jitter}, so that events
 * failing together do not retry together.
 */
record Backoff(Duration initial, Duration max, double jitter) {

	static Backoff of(EventsProperties.Consumer consumer) {
		return new Backoff(consumer.initialBackoff(), consumer.maxBackoff(), consumer.jitter());
	}

	/** The cap for the n-th failure, before jitter. */
	Duration ceiling(int failures) {
		long initialMillis = Math.max(1, this.initial.toMillis());
		long factor = 1L << Math.min(30, Math.max(0, failures - 1));
		long millis = (initialMillis > this.max.toMillis() / factor) ? this.max.toMillis() : initialMillis * factor;
		return Duration.ofMillis(Math.min(millis, this.max.toMillis()));
	}

	Duration after(int failures) {
		long ceiling = ceiling(failures).toMillis();
		long spread = (long) (ceiling * this.jitter * ThreadLocalRandom.current().nextDouble());
		return Duration.ofMillis(ceiling - spread);
	}

}
