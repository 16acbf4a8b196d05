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
 * @param outsideTransaction whether the handler runs outside any transaction, one event
 * at a time; see {@link #withoutTransaction()}
 */
public record Subscription(String name, String typePattern, @Nullable String filter, @Nullable Integer batchSize,
		@Nullable Integer concurrency, boolean outsideTransaction) {

	public Subscription(String name, String typePattern, @Nullable String filter) {
		this(name, typePattern, filter, null, null, false);
	}

	public static Subscription of(String name, String typePattern) {
		return new Subscription(name, typePattern, null);
	}

	public Subscription withFilter(String filter) {
		return new Subscription(this.name, this.typePattern, filter, this.batchSize, this.concurrency,
				this.outsideTransaction);
	}

	/**
	 * Handles at most this many events in one transaction. A handler with effects outside
	 * the database (a call to another system) wants 1: a failure in a batch redoes the
	 * batch, which would repeat the effects of the events that succeeded.
	 */
	public Subscription withBatchSize(int batchSize) {
		return new Subscription(this.name, this.typePattern, this.filter, batchSize, this.concurrency,
				this.outsideTransaction);
	}

	/** Runs this many workers of the subscription in each instance. */
	public Subscription withConcurrency(int concurrency) {
		return new Subscription(this.name, this.typePattern, this.filter, this.batchSize, concurrency,
				this.outsideTransaction);
	}

	/**
	 * Runs the handler outside any transaction, one event at a time, for handlers that
	 * wait on another system (a function's run, say) and must not hold a database
	 * connection and locks meanwhile. The delivery is leased while the handler runs
	 * ({@code springbase.events.consumer.lease}, renewed until it returns), so other
	 * instances leave it alone, and acknowledged with the processed id once it returns.
	 * The handler's own database work is then not atomic with that record: a crash
	 * between the two delivers the event again.
	 */
	public Subscription withoutTransaction() {
		return new Subscription(this.name, this.typePattern, this.filter, 1, this.concurrency, true);
	}

	int batchSize(EventsProperties.Consumer defaults) {
		return (this.batchSize != null) ? this.batchSize : defaults.batchSize();
	}

	int concurrency(EventsProperties.Consumer defaults) {
		return (this.concurrency != null) ? this.concurrency : defaults.concurrency();
	}

}
