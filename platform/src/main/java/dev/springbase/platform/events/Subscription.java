package dev.springbase.platform.events;

import org.jspecify.annotations.Nullable;

/**
 * A durable interest in events: every event whose type matches the pattern and that
 * passes the filter is delivered to the subscription's handler at least once, also when
 * it was emitted while no consumer ran.
 *
 * @param name unique across the platform, e.g. {@code functions.storage-triggers}
 * @param typePattern dot-separated segments where {@code *} matches one segment and
 * {@code #} any number, e.g. {@code storage.object.*}
 * @param filter conditions on attributes joined by {@code and}, e.g.
 * {@code subject ^= 'photos/' and project = '0190...'}; see {@link EventFilter}
 * @param batchSize the most events handled in one transaction, or null for
 * {@code springbase.events.consumer.batch-size}
 * @param concurrency workers of this subscription in each instance, or null for
 * {@code springbase.events.consumer.concurrency}
 */
public record Subscription(String name, String typePattern, @Nullable String filter, @Nullable Integer batchSize,
		@Nullable Integer concurrency) {

	public Subscription(String name, String typePattern, @Nullable String filter) {
		this(name, typePattern, filter, null, null);
	}

	public static Subscription of(String name, String typePattern) {
		return new Subscription(name, typePattern, null);
	}

	public Subscription withFilter(String filter) {
		return new Subscription(this.name, this.typePattern, filter, this.batchSize, this.concurrency);
	}

	/**
	 * Handles at most this many events in one transaction. A handler with effects outside
	 * the database (a call to another system) wants 1: a failure in a batch redoes the
	 * batch, which would repeat the effects of the events that succeeded.
	 */
	public Subscription withBatchSize(int batchSize) {
		return new Subscription(this.name, this.typePattern, this.filter, batchSize, this.concurrency);
	}

	/** Runs this many workers of the subscription in each instance. */
	public Subscription withConcurrency(int concurrency) {
		return new Subscription(this.name, this.typePattern, this.filter, this.batchSize, concurrency);
	}

	int batchSize(EventsProperties.Consumer defaults) {
		return (this.batchSize != null) ? this.batchSize : defaults.batchSize();
	}

	int concurrency(EventsProperties.Consumer defaults) {
		return (this.concurrency != null) ? this.concurrency : defaults.concurrency();
	}

}
