package dev.springbase.platform.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.cloudevents.CloudEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a handler at most once in effect per subscription and event. It runs inside the
 * consumer's batch transaction, which holds both the processed-id records and the
 * handlers' own database work: they commit together or not at all, so a crash between
 * handling and acknowledging cannot apply an event twice.
 * <p>
 * A batch is first handled optimistically: one statement records every processed id and
 * the handlers run back to back. Should one throw, the caller rolls the whole batch back
 * and handles it again isolated, each event in a savepoint of its own, so that a failing
 * event rolls back only itself. Handlers thus see events at least once, as promised,
 * while the common case costs no savepoint round trips.
 */
class IdempotentHandling {

	private final JdbcClient jdbc;

	private final EventsSchema schema;

	private final TransactionTemplate savepoint;

	private final EventMetrics metrics;

	private final EventTracing tracing;

	IdempotentHandling(JdbcClient jdbc, EventsSchema schema, PlatformTransactionManager transactionManager,
			EventMetrics metrics, EventTracing tracing) {
		this.jdbc = jdbc;
		this.schema = schema;
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.metrics = metrics;
		this.tracing = tracing;
	}

	/**
	 * Handles events not processed before, in the current transaction.
	 * @param failedBefore null for the optimistic pass; when redoing a batch isolated,
	 * the failure of that pass, whose event counts as failed without being run again
	 * @return for each event its handler's failure, or null when it is handled (now or
	 * before); failures only in the isolated pass
	 * @throws OptimisticBatchFailed when a handler fails in the optimistic pass: roll
	 * back and handle the batch again isolated
	 */
	List<@Nullable Exception> handle(String subscription, EventHandler handler, List<CloudEvent> events,
			@Nullable OptimisticBatchFailed failedBefore) {
		List<@Nullable Exception> outcomes = new ArrayList<>(events.size());
		if (failedBefore != null) {
			for (CloudEvent event : events) {
				outcomes.add(event.getId().equals(failedBefore.eventId) ? failedBefore.failure
						: handleInSavepoint(subscription, handler, event));
			}
			return outcomes;
		}
		Set<String> fresh = markProcessed(subscription, events);
		for (CloudEvent event : events) {
			// remove, not contains: a redelivered event may sit twice in one batch.
			if (fresh.remove(event.getId())) {
				try {
					runTraced(subscription, handler, event);
				}
				catch (HandlerFailure ex) {
					throw new OptimisticBatchFailed(event.getId(), (Exception) ex.getCause());
				}
				catch (RuntimeException ex) {
					throw new OptimisticBatchFailed(event.getId(), ex);
				}
				this.metrics.handled(subscription, event);
			}
			else {
				this.metrics.duplicate(subscription);
			}
			outcomes.add(null);
		}
		return outcomes;
	}

	/**
	 * Runs the handler outside any transaction unless the event was processed before.
	 * Once it returns, the caller records the event with {@link #recordProcessed} in the
	 * transaction that acknowledges it.
	 * @return the handler's failure, or null when it is handled (now or before)
	 */
	@Nullable Exception handleAlone(String subscription, EventHandler handler, CloudEvent event) {
		boolean seen = this.jdbc
			.sql("select exists (select 1 from " + this.schema.processed()
					+ " where subscription = ? and event_id = ?::uuid)")
			.params(subscription, event.getId())
			.query(Boolean.class)
			.single();
		if (seen) {
			this.metrics.duplicate(subscription);
			return null;
		}
		try {
			runTraced(subscription, handler, event);
		}
		catch (HandlerFailure ex) {
			return (Exception) ex.getCause();
		}
		catch (RuntimeException ex) {
			return ex;
		}
		this.metrics.handled(subscription, event);
		return null;
	}

	/** Records an event handled by {@link #handleAlone}, in the current transaction. */
	void recordProcessed(String subscription, CloudEvent event) {
		markProcessed(subscription, List.of(event));
	}

	private @Nullable Exception handleInSavepoint(String subscription, EventHandler handler, CloudEvent event) {
		try {
			boolean fresh = Boolean.TRUE.equals(this.savepoint.execute((status) -> {
				if (markProcessed(subscription, List.of(event)).isEmpty()) {
					return false;
				}
				runTraced(subscription, handler, event);
				return true;
			}));
			if (fresh) {
				this.metrics.handled(subscription, event);
			}
			else {
				this.metrics.duplicate(subscription);
			}
			return null;
		}
		catch (HandlerFailure ex) {
			return (Exception) ex.getCause();
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	/** Records the events as processed; returns the ids that were not before. */
	private Set<String> markProcessed(String subscription, List<CloudEvent> events) {
		String[] ids = events.stream().map(CloudEvent::getId).toArray(String[]::new);
		return new HashSet<>(this.jdbc
			.sql("insert into " + this.schema.processed() + " (subscription, event_id)"
					+ " select ?, unnest(?::uuid[]) on conflict do nothing returning event_id::text")
			.params(subscription, ids)
			.query(String.class)
			.list());
	}

	private void runTraced(String subscription, EventHandler handler, CloudEvent event) {
		try {
			this.tracing.handle(subscription, event, handler);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new HandlerFailure(ex);
		}
	}

	/** A handler failed in an optimistic batch, which must be rolled back and redone. */
	static final class OptimisticBatchFailed extends RuntimeException {

		private final String eventId;

		private final Exception failure;

		OptimisticBatchFailed(String eventId, Exception failure) {
			super(failure);
			this.eventId = eventId;
			this.failure = failure;
		}

	}

	/** Carries a checked exception of a handler through the transaction template. */
	private static final class HandlerFailure extends RuntimeException {

		HandlerFailure(Exception cause) {
			super(cause);
		}

	}

}
