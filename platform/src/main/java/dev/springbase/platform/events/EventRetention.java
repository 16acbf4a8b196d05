package dev.springbase.platform.events;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prunes what is no longer needed after the retention period: sent outbox rows, processed
 * ids and, for the PostgreSQL transport, log entries no delivery still needs (an event
 * that one subscription has yet to handle stays, without holding back the others).
 * Deletes go in bounded batches, each under an advisory lock, so several instances can
 * run the job at once without doing the work twice or holding long transactions.
 */
class EventRetention {

	private static final Logger log = LoggerFactory.getLogger(EventRetention.class);

	private static final int BATCH = 5000;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final EventsSchema schema;

	private final Duration retention;

	private final boolean eventbus;

	EventRetention(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, EventsSchema schema,
			Duration retention, boolean eventbus) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.outbox = outbox;
		this.schema = schema;
		this.retention = retention;
		this.eventbus = eventbus;
	}

	ScheduledExecutorService schedule(Duration interval) {
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("events-retention").factory());
		executor.scheduleWithFixedDelay(() -> {
			try {
				prune();
			}
			catch (RuntimeException ex) {
				log.warn("Could not prune expired events: {}", ex.getMessage());
			}
		}, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
		return executor;
	}

	/** Prunes everything older than the retention period; returns how many rows went. */
	int prune() {
		Instant before = Instant.now().minus(this.retention);
		int pruned = inBatches("outbox:" + this.schema.schema(), () -> this.outbox.pruneSentBefore(before, BATCH));
		pruned += inBatches("processed:" + this.schema.schema(), () -> this.jdbc
			.sql("delete from " + this.schema.processed() + " where (subscription, event_id) in (select subscription,"
					+ " event_id from " + this.schema.processed() + " where processed_at < ? limit ?)")
			.params(Timestamp.from(before), BATCH)
			.update());
		if (this.eventbus) {
			pruned += inBatches("orphans", () -> this.jdbc.sql("""
					delete from eventbus.deliveries where (subscription, event_position) in (
					    select d.subscription, d.event_position from eventbus.deliveries d
					    where not exists (select 1 from eventbus.subscriptions s where s.name = d.subscription)
					    limit ?)""").params(BATCH).update());
			pruned += inBatches("eventbus", () -> this.jdbc.sql("""
					delete from eventbus.events where position in (
					    select e.position from eventbus.events e
					    where e.created_at < ?
					      and not exists (select 1 from eventbus.deliveries d where d.event_position = e.position)
					    limit ?)""").params(Timestamp.from(before), BATCH).update());
		}
		log.debug("Pruned {} expired event records", pruned);
		return pruned;
	}

	private int inBatches(String what, IntSupplier deleteBatch) {
		int total = 0;
		while (true) {
			Integer deleted = this.transactions.execute((status) -> {
				boolean locked = Boolean.TRUE
					.equals(this.jdbc.sql("select pg_try_advisory_xact_lock(hashtextextended(?, 0))")
						.param("springbase.events.retention:" + what)
						.query(Boolean.class)
						.single());
				return locked ? deleteBatch.getAsInt() : 0;
			});
			total += (deleted != null) ? deleted : 0;
			if (deleted == null || deleted < BATCH) {
				return total;
			}
		}
	}

}
