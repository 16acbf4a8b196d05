package dev.springbase.functions.workers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.springbase.platform.jdbc.Timestamps;

/**
 * An invocation on its way through a pool: queued, taken by a worker, then done exactly
 * once, whichever comes first of the worker's answer, its death, the timeout or the queue
 * timeout. A worker takes it only once its queued record is written, so that no function
 * code runs for an invocation that was never recorded; when the record is known not to be
 * written (in time), it ends failed at once, whether a worker waits for it or not.
 */
public final class PendingInvocation {

	private static final Logger log = LoggerFactory.getLogger(PendingInvocation.class);

	private enum State {

		QUEUED, RUNNING, DONE

	}

	/** Told when a worker takes the invocation, to record that it runs. */
	@FunctionalInterface
	public interface StartListener {

		void started(UUID invocationId, UUID workerId, boolean cold, Instant startedAt);

	}

	private final UUID id;

	private final String trigger;

	private final @Nullable CallerInfo caller;

	private final byte[] body;

	private final @Nullable EventInfo event;

	private final CompletableFuture<?> queued;

	private final StartListener listener;

	private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);

	private final CompletableFuture<InvocationOutcome> outcome = new CompletableFuture<>();

	private final long acceptedNanos = System.nanoTime();

	private volatile long endedNanos;

	private volatile @Nullable Instant startedAt;

	private volatile long startNanos;

	private volatile boolean cold;

	private volatile @Nullable UUID workerId;

	/**
	 * An invocation through the HTTP trigger.
	 * @param queued completes once the invocation's queued record is written, or fails
	 * with the reason it could not be; it must do either within a bounded time, since the
	 * worker that takes the invocation waits for it
	 */
	public PendingInvocation(UUID id, @Nullable CallerInfo caller, byte[] body, CompletableFuture<?> queued,
			StartListener listener) {
		this(id, "http", caller, body, null, queued, listener);
	}

	/**
	 * An invocation for an event: no caller, the event's data as the body.
	 * @param trigger the trigger's kind ({@code storage}, ...), a tag of its metrics
	 * @param queued as for the HTTP trigger
	 */
	public PendingInvocation(UUID id, String trigger, byte[] data, EventInfo event, CompletableFuture<?> queued,
			StartListener listener) {
		this(id, trigger, null, data, event, queued, listener);
	}

	private PendingInvocation(UUID id, String trigger, @Nullable CallerInfo caller, byte[] body,
			@Nullable EventInfo event, CompletableFuture<?> queued, StartListener listener) {
		this.id = id;
		this.trigger = trigger;
		this.caller = caller;
		this.body = body;
		this.event = event;
		this.queued = queued;
		this.listener = listener;
		queued.whenComplete((done, failure) -> {
			if (failure != null) {
				fail(InvocationOutcome.Status.FAILED, "functions.not_recorded", "NotRecorded",
						"The invocation could not be recorded (the service's database failed or was too slow),"
								+ " so it did not run.",
						List.of(), false);
			}
		});
	}

	public UUID id() {
		return this.id;
	}

	public CompletableFuture<InvocationOutcome> outcome() {
		return this.outcome;
	}

	String trigger() {
		return this.trigger;
	}

	/** When the invocation was accepted, on the {@link System#nanoTime()} clock. */
	long acceptedNanos() {
		return this.acceptedNanos;
	}

	/** From its acceptance to its outcome, once it has one. */
	Duration latency() {
		return Duration.ofNanos(this.endedNanos - this.acceptedNanos);
	}

	@Nullable CallerInfo caller() {
		return this.caller;
	}

	byte[] body() {
		return this.body;
	}

	@Nullable EventInfo event() {
		return this.event;
	}

	/**
	 * Waits for the queued record, which is written while the invocation is handed to a
	 * worker; false when it could not be written, or not in time (the database is
	 * unreachable or locked, say): the invocation ends failed and the worker must not get
	 * it.
	 */
	boolean awaitQueuedRecord() {
		try {
			this.queued.join();
			return true;
		}
		catch (CompletionException | CancellationException ex) {
			return false;
		}
	}

	/** Hands the invocation to a worker; false when it ended while queued. */
	boolean start(UUID workerId, boolean cold) {
		if (!this.state.compareAndSet(State.QUEUED, State.RUNNING)) {
			return false;
		}
		Instant now = Timestamps.now();
		this.startedAt = now;
		this.startNanos = System.nanoTime();
		this.cold = cold;
		this.workerId = workerId;
		return true;
	}

	/**
	 * Tells the listener that a worker took it; called after {@link #start}. The listener
	 * writes to the database, which the worker need not wait for: it runs on a thread of
	 * its own, and the record of the outcome holds everything it writes.
	 */
	void announceStart() {
		UUID worker = this.workerId;
		Instant started = this.startedAt;
		if (worker != null && started != null) {
			Thread.ofVirtual().name("invocation-started").start(() -> {
				try {
					this.listener.started(this.id, worker, this.cold, started);
				}
				catch (RuntimeException ex) {
					log.warn("Could not record that invocation {} started", this.id, ex);
				}
			});
		}
	}

	boolean isQueued() {
		return this.state.get() == State.QUEUED;
	}

	void succeed(byte[] output, @Nullable String contentType, java.util.List<String> logs, boolean truncated) {
		end(new InvocationOutcome(InvocationOutcome.Status.SUCCEEDED, null, null, null, output, contentType, logs,
				truncated, this.startedAt, elapsed(), this.cold, this.workerId));
	}

	void fail(InvocationOutcome.Status status, String errorCode, String errorType, String message,
			java.util.List<String> logs, boolean truncated) {
		end(new InvocationOutcome(status, errorCode, errorType, message, new byte[0], null, logs, truncated,
				this.startedAt, (this.startedAt != null) ? elapsed() : null,
				(this.startedAt != null) ? this.cold : null, this.workerId));
	}

	private @Nullable Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startNanos);
	}

	private void end(InvocationOutcome result) {
		if (this.state.getAndSet(State.DONE) != State.DONE) {
			this.endedNanos = System.nanoTime();
			this.outcome.complete(result);
		}
	}

}
