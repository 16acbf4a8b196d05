package dev.springbase.functions.workers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.springbase.functions.config.FunctionsProperties;
import dev.springbase.functions.workers.InvocationOutcome.Status;
import dev.springbase.platform.errors.ApiException;

/**
 * The pools of every function this instance runs, one per function, for its latest
 * revision. An invocation that brings a newer revision (new version, settings or secrets)
 * retires the old pool and moves its queue to a fresh one; so does warming a function up
 * after such a change, when it keeps warm instances. On shutdown every worker is killed
 * before the web server stops, so no worker outlives the service.
 */
@Component
public class WorkerPools implements WorkerRegistry, SmartLifecycle {

	private final Map<UUID, FunctionPool> pools = new ConcurrentHashMap<>();

	private final Map<UUID, WorkerProcess> workers = new ConcurrentHashMap<>();

	private final WorkerLauncher launcher;

	private final FunctionsProperties.Workers settings;

	private final FunctionMetrics metrics;

	private volatile boolean running;

	private final ScheduledThreadPoolExecutor scheduler = newScheduler();

	/**
	 * Runs the idle workers' reaper and two timers per invocation (waiting in the queue,
	 * running), which the invocation cancels when it ends: cancelled timers leave the
	 * queue at once instead of holding their invocation until they would have been due.
	 */
	private static ScheduledThreadPoolExecutor newScheduler() {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
				Thread.ofPlatform().name("function-pools").daemon().factory());
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

	/**
	 * Tasks waiting in the scheduler: the reaper and the timers of unfinished
	 * invocations.
	 */
	int scheduledTasks() {
		return this.scheduler.getQueue().size();
	}

	WorkerPools(WorkerLauncher launcher, FunctionsProperties properties, MeterRegistry meters) {
		this.launcher = launcher;
		this.settings = properties.workers();
		this.metrics = new FunctionMetrics(meters);
		long every = Math.max(100, Math.min(1000, this.settings.idleTimeout().toMillis() / 4));
		this.scheduler.scheduleWithFixedDelay(() -> this.pools.values().forEach(FunctionPool::stopIdleWorkers), every,
				every, TimeUnit.MILLISECONDS);
	}

	/** Queues the invocation for the function's workers, starting one if needed. */
	public void submit(DeployedFunction function, PendingInvocation invocation) {
		invocation.outcome().thenAccept((outcome) -> this.metrics.ended(function, invocation, outcome));
		while (!poolFor(function).submit(invocation)) {
			Thread.onSpinWait();
		}
	}

	/**
	 * Brings the function's pool to this revision and starts its minimum of warm
	 * instances; with a minimum of 0, lets the pool's idle workers go after the idle
	 * timeout. A revision older than the pool's changes nothing.
	 */
	public void warm(DeployedFunction function) {
		FunctionPool pool = poolFor(function);
		if (pool.function.revision() == function.revision()) {
			pool.keepWarm(function.minInstances());
		}
	}

	/** Stops the function's workers; what waits for them fails. */
	public void retire(UUID functionId) {
		FunctionPool pool = this.pools.remove(functionId);
		if (pool != null) {
			this.metrics.forget(pool.function.projectId(), pool.function.name());
			pool.retire((invocation) -> invocation.fail(Status.FAILED, "functions.function_not_found", "Deleted",
					"The function was deleted before the invocation ran.", List.of(), false));
		}
	}

	private FunctionPool poolFor(DeployedFunction function) {
		FunctionPool current = this.pools.get(function.id());
		if (current != null && current.function.revision() >= function.revision()) {
			return current;
		}
		FunctionPool fresh;
		synchronized (this) {
			current = this.pools.get(function.id());
			if (current != null && current.function.revision() >= function.revision()) {
				return current;
			}
			fresh = new FunctionPool(function, this.launcher, this, this.scheduler, this.settings, this.metrics);
			this.pools.put(function.id(), fresh);
			if (current == null) {
				UUID id = function.id();
				this.metrics.watch(function, this, (pools) -> pools.stat(id, FunctionPool::busy),
						(pools) -> pools.stat(id, FunctionPool::queued),
						(pools) -> pools.stat(id, FunctionPool::liveWorkers));
			}
		}
		fresh.keepWarm(function.minInstances());
		if (current != null) {
			current.retire((invocation) -> resubmit(function.id(), invocation));
		}
		return fresh;
	}

	private double stat(UUID functionId, java.util.function.ToIntFunction<FunctionPool> stat) {
		FunctionPool pool = this.pools.get(functionId);
		return (pool != null) ? stat.applyAsInt(pool) : 0;
	}

	private void resubmit(UUID functionId, PendingInvocation invocation) {
		FunctionPool pool = this.pools.get(functionId);
		if (pool == null || !pool.submit(invocation)) {
			invocation.fail(Status.FAILED, "functions.function_not_found", "Deleted",
					"The function was deleted before the invocation ran.", List.of(), false);
		}
	}

	/** The worker whose id and token these are; 404 for anything else. */
	WorkerProcess authenticate(UUID workerId, @Nullable String token) {
		WorkerProcess worker = this.workers.get(workerId);
		if (worker == null || token == null || !MessageDigest.isEqual(worker.token.getBytes(StandardCharsets.UTF_8),
				token.getBytes(StandardCharsets.UTF_8))) {
			throw ApiException.notFound("functions.worker_not_found", "No such worker.");
		}
		return worker;
	}

	@Override
	public void register(WorkerProcess worker) {
		this.workers.put(worker.id, worker);
	}

	@Override
	public void unregister(WorkerProcess worker) {
		this.workers.remove(worker.id);
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.scheduler.shutdownNow();
		this.pools.values().forEach(FunctionPool::killAll);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
