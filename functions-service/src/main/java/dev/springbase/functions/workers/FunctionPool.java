package dev.springbase.functions.workers;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.springbase.functions.config.FunctionsProperties;
import dev.springbase.functions.workers.InvocationOutcome.Status;
import dev.springbase.functions.workers.RuntimeMessages.Result;
import dev.springbase.functions.workers.WorkerProcess.State;
import dev.springbase.platform.ids.Ids;

/**
 * The workers of one revision of one function and the invocations waiting for them.
 * Workers start on demand, up to the function's maximum concurrency, each running one
 * invocation at a time; an idle worker stays warm for the idle timeout. The function's
 * minimum of warm instances is kept started at all times, and the idle timeout never
 * stops workers below it. A worker that overruns the timeout is killed, and one that dies
 * is replaced when work is waiting or the minimum needs it.
 */
final class FunctionPool {

	private static final Logger log = LoggerFactory.getLogger(FunctionPool.class);

	private static final long POLL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	private static final Duration MAX_WARM_BACKOFF = Duration.ofMinutes(5);

	/** A worker that stayed up this long before it died was no failed start. */
	private static final long STABLE_NANOS = TimeUnit.MINUTES.toNanos(1);

	final DeployedFunction function;

	private final WorkerLauncher launcher;

	private final WorkerRegistry registry;

	private final ScheduledExecutorService scheduler;

	private final FunctionsProperties.Workers settings;

	private final FunctionMetrics metrics;

	private final LinkedBlockingDeque<PendingInvocation> queue = new LinkedBlockingDeque<>();

	private final Set<WorkerProcess> workers = new HashSet<>();

	private boolean retired;

	private int minimum;

	/**
	 * Warm workers that died by themselves before serving anything, in a row: they are
	 * restarted with exponential backoff, so a function that crashes while idle cannot
	 * keep this service starting processes.
	 */
	private int warmFailures;

	private boolean warmRetryScheduled;

	private Consumer<PendingInvocation> leftovers = (invocation) -> {
	};

	FunctionPool(DeployedFunction function, WorkerLauncher launcher, WorkerRegistry registry,
			ScheduledExecutorService scheduler, FunctionsProperties.Workers settings, FunctionMetrics metrics) {
		this.function = function;
		this.launcher = launcher;
		this.registry = registry;
		this.scheduler = scheduler;
		this.settings = settings;
		this.metrics = metrics;
		this.minimum = Math.min(function.minInstances(), function.maxConcurrency());
	}

	/** Keeps at least this many workers started (within the maximum concurrency). */
	synchronized void keepWarm(int minimum) {
		this.minimum = Math.clamp(minimum, 0, this.function.maxConcurrency());
		scaleUp();
	}

	/** Queues the invocation; false when the pool is retired and takes nothing new. */
	boolean submit(PendingInvocation invocation) {
		synchronized (this) {
			if (this.retired) {
				return false;
			}
			this.queue.offerLast(invocation);
			scaleUp();
		}
		cancelWhenDone(invocation, this.scheduler.schedule(() -> expireIfQueued(invocation),
				this.settings.queueTimeout().toMillis(), TimeUnit.MILLISECONDS));
		return true;
	}

	/**
	 * Starts workers for what is queued beyond the ready ones, and up to the minimum of
	 * warm instances, within the maximum.
	 */
	private void scaleUp() {
		if (this.retired) {
			return;
		}
		long ready = count(State.STARTING) + count(State.IDLE);
		long wanted = this.queue.size() - ready;
		while (wanted > 0 && this.workers.size() < this.function.maxConcurrency()) {
			if (!start()) {
				return;
			}
			wanted--;
		}
		if (this.warmFailures == 0) {
			warmUp();
		}
		else if (!this.warmRetryScheduled && live() < this.minimum) {
			this.warmRetryScheduled = true;
			long delay = Math.min(MAX_WARM_BACKOFF.toMillis(), 1000L << Math.min(this.warmFailures - 1, 20));
			log.warn("A warm worker of function {} ended by itself before serving; starting another in {} ms",
					this.function.id(), delay);
			this.scheduler.schedule(this::retryWarmUp, delay, TimeUnit.MILLISECONDS);
		}
	}

	private void warmUp() {
		long missing = this.minimum - live();
		while (missing > 0 && this.workers.size() < this.function.maxConcurrency()) {
			if (!start()) {
				return;
			}
			missing--;
		}
	}

	private synchronized void retryWarmUp() {
		this.warmRetryScheduled = false;
		if (!this.retired) {
			warmUp();
		}
	}

	private long count(State state) {
		return this.workers.stream().filter((worker) -> worker.state == state).count();
	}

	/** Workers started and not stopped: starting, idle or busy. */
	private long live() {
		return this.workers.size() - count(State.STOPPED);
	}

	synchronized int busy() {
		return (int) count(State.BUSY);
	}

	int queued() {
		return this.queue.size();
	}

	synchronized int liveWorkers() {
		return (int) live();
	}

	/** Starts one worker; false when no process could be started. */
	private boolean start() {
		WorkerProcess worker = new WorkerProcess(Ids.newId(), WorkerRegistry.newToken(), this);
		this.workers.add(worker);
		this.registry.register(worker);
		try {
			worker.process = this.launcher.start(this.function, worker);
		}
		catch (IOException ex) {
			log.error("Could not start a worker for function {}", this.function.id(), ex);
			this.workers.remove(worker);
			this.registry.unregister(worker);
			worker.state = State.STOPPED;
			this.warmFailures++;
			PendingInvocation head = this.queue.pollFirst();
			if (head != null) {
				head.fail(Status.FAILED, "functions.worker_start_failed", "WorkerStartFailed",
						"No worker process could be started: " + ex.getMessage(), List.of(), false);
			}
			return false;
		}
		worker.process.onExit().thenRun(() -> exited(worker));
		return true;
	}

	/**
	 * The next invocation for a worker that asks for work, waiting up to the poll window;
	 * null when none came. One whose queued record could not be written is failed here
	 * and never handed out.
	 */
	@Nullable PendingInvocation take(WorkerProcess worker) throws InterruptedException, Gone {
		synchronized (this) {
			if (this.retired || worker.state == State.STOPPED) {
				throw new Gone();
			}
			if (worker.state == State.STARTING) {
				worker.state = State.IDLE;
				worker.readyNanos = System.nanoTime();
				worker.lastActiveNanos = worker.readyNanos;
				this.metrics.workerReady(this.function, Duration.ofNanos(worker.readyNanos - worker.startNanos),
						worker.aotCache);
			}
		}
		long deadline = System.nanoTime() + this.settings.pollWindow().toNanos();
		while (true) {
			// Waits in short slices, so that a worker killed or retired meanwhile is let
			// go
			// at once and never holds a request open through a shutdown.
			long slice = Math.min(deadline - System.nanoTime(), POLL_SLICE_NANOS);
			PendingInvocation invocation = (slice > 0) ? this.queue.pollFirst(slice, TimeUnit.NANOSECONDS) : null;
			if (invocation != null && !invocation.awaitQueuedRecord()) {
				continue;
			}
			synchronized (this) {
				if (this.retired || worker.state == State.STOPPED) {
					if (invocation != null && this.retired) {
						this.leftovers.accept(invocation);
					}
					else if (invocation != null) {
						this.queue.offerFirst(invocation);
					}
					throw new Gone();
				}
				if (invocation == null) {
					if (deadline - System.nanoTime() <= 0) {
						return null;
					}
					continue;
				}
				// Cold: it waited for this worker to start, rather than finding it warm.
				boolean cold = worker.served == 0 && worker.readyNanos - invocation.acceptedNanos() > 0;
				if (!invocation.start(worker.id, cold)) {
					continue;
				}
				worker.state = State.BUSY;
				worker.current = invocation;
				if (cold) {
					this.metrics.coldStart(this.function);
				}
			}
			invocation.announceStart();
			cancelWhenDone(invocation, this.scheduler.schedule(() -> timeOut(worker, invocation),
					this.function.timeout().toMillis(), TimeUnit.MILLISECONDS));
			return invocation;
		}
	}

	/**
	 * An invocation's timer ends with it, so that the scheduler does not hold thousands
	 * of finished invocations (with their input and output) until their timers are due.
	 */
	private static void cancelWhenDone(PendingInvocation invocation, ScheduledFuture<?> timer) {
		invocation.outcome().whenComplete((outcome, failure) -> timer.cancel(false));
	}

	/** The worker's answer; false when it is not the invocation the worker runs. */
	boolean finish(WorkerProcess worker, UUID invocationId, Result result) {
		PendingInvocation invocation;
		synchronized (this) {
			invocation = worker.current;
			if (invocation == null || worker.state != State.BUSY || !invocation.id().equals(invocationId)) {
				return false;
			}
			worker.current = null;
			worker.served++;
			worker.state = State.IDLE;
			this.warmFailures = 0;
			worker.lastActiveNanos = System.nanoTime();
			if (this.retired) {
				worker.kill();
			}
		}
		List<String> logs = (result.logs() != null) ? result.logs() : List.of();
		if (result.ok()) {
			invocation.succeed((result.body() != null) ? result.body() : new byte[0], result.contentType(), logs,
					result.logsTruncated());
		}
		else {
			String type = (result.errorType() != null) ? result.errorType() : "Error";
			invocation.fail(Status.FAILED, errorCode(type), type, String.valueOf(result.errorMessage()), logs,
					result.logsTruncated());
		}
		return true;
	}

	private static String errorCode(String errorType) {
		return switch (errorType) {
			case "InvalidInput" -> "functions.invalid_input";
			case "OutOfMemoryError" -> "functions.out_of_memory";
			default -> "functions.function_failed";
		};
	}

	private void timeOut(WorkerProcess worker, PendingInvocation invocation) {
		synchronized (this) {
			if (worker.current != invocation) {
				return;
			}
			worker.current = null;
			worker.kill();
		}
		invocation
			.fail(Status.TIMED_OUT, "functions.timeout", "Timeout",
					"The function ran longer than its timeout of " + this.function.timeout().toMillis()
							+ " ms; its worker was stopped. Raise timeoutSeconds if it needs longer.",
					List.of(), false);
	}

	private void expireIfQueued(PendingInvocation invocation) {
		if (this.queue.remove(invocation)) {
			invocation.fail(Status.FAILED, "functions.busy", "Busy",
					"No worker of function '" + this.function.name() + "' became free within "
							+ this.settings.queueTimeout().toSeconds() + " s; it runs at most "
							+ this.function.maxConcurrency() + " invocations at once.",
					List.of(), false);
		}
	}

	private void exited(WorkerProcess worker) {
		PendingInvocation running;
		boolean neverReady;
		synchronized (this) {
			this.workers.remove(worker);
			this.registry.unregister(worker);
			running = worker.current;
			worker.current = null;
			neverReady = worker.state == State.STARTING;
			boolean killedHere = worker.state == State.STOPPED;
			boolean stable = worker.readyNanos != 0 && System.nanoTime() - worker.readyNanos > STABLE_NANOS;
			if (!killedHere && worker.served == 0 && !stable) {
				this.warmFailures++;
			}
			else if (stable) {
				this.warmFailures = 0;
			}
			worker.state = State.STOPPED;
		}
		Process process = worker.process;
		int status = (process != null) ? process.exitValue() : -1;
		String output = worker.tail();
		String lastOutput = output.isEmpty() ? "" : " Its last output:\n" + output;
		if (running != null) {
			running.fail(Status.FAILED, "functions.worker_exited", "WorkerExited",
					"The worker process exited with status " + status
							+ " while running the invocation (System.exit, a crash or a fatal error in the function)."
							+ lastOutput,
					List.of(), false);
		}
		else if (neverReady) {
			// Fail one waiting invocation per failed start, so a broken deployment cannot
			// keep restarting workers for ever.
			PendingInvocation head = this.queue.pollFirst();
			if (head != null) {
				head.fail(Status.FAILED, "functions.worker_start_failed", "WorkerStartFailed",
						"The worker process exited with status " + status + " before it was ready." + lastOutput,
						List.of(), false);
			}
		}
		synchronized (this) {
			scaleUp();
		}
	}

	/**
	 * Stops workers that have been idle longer than the idle timeout, the longest idle
	 * first, but keeps the minimum of warm instances.
	 */
	synchronized void stopIdleWorkers() {
		long limit = System.nanoTime() - this.settings.idleTimeout().toNanos();
		long spare = live() - this.minimum;
		List<WorkerProcess> expired = this.workers.stream()
			.filter((worker) -> worker.state == State.IDLE && worker.lastActiveNanos - limit < 0)
			.sorted(Comparator.comparingLong((WorkerProcess worker) -> worker.lastActiveNanos))
			.toList();
		for (WorkerProcess worker : expired) {
			if (spare <= 0) {
				return;
			}
			worker.kill();
			spare--;
		}
	}

	/**
	 * Takes no more work: idle workers stop now, busy ones after their invocation, and
	 * what is queued (now or later by a racing worker) goes to {@code leftovers}.
	 */
	void retire(Consumer<PendingInvocation> leftovers) {
		List<PendingInvocation> waiting = new ArrayList<>();
		synchronized (this) {
			this.retired = true;
			this.leftovers = leftovers;
			this.queue.drainTo(waiting);
			for (WorkerProcess worker : this.workers) {
				if (worker.state != State.BUSY) {
					worker.kill();
				}
			}
		}
		waiting.forEach(leftovers);
	}

	/** Kills every worker at once, busy or not: the service is stopping. */
	synchronized void killAll() {
		this.retired = true;
		this.workers.forEach(WorkerProcess::kill);
	}

	/** The worker should exit: it was retired or killed. */
	static final class Gone extends Exception {

		Gone() {
			super(null, null, false, false);
		}

	}

}
