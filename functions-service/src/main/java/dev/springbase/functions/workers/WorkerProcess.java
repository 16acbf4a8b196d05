package dev.springbase.functions.workers;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One worker process of a pool. Its state is changed under the pool's lock only.
 */
final class WorkerProcess {

	enum State {

		/** Started, has not asked for work yet. */
		STARTING,

		/** Waiting for work. */
		IDLE,

		/** Running {@link #current}. */
		BUSY,

		/** Killed or exited; never serves again. */
		STOPPED

	}

	private static final int TAIL_LINES = 20;

	final UUID id;

	final String token;

	final FunctionPool pool;

	State state = State.STARTING;

	@Nullable PendingInvocation current;

	int served;

	final long startNanos = System.nanoTime();

	long lastActiveNanos = this.startNanos;

	/** When it first asked for work; 0 until then. */
	long readyNanos;

	/** Whether it was started with the deployment's AOT cache. */
	boolean aotCache;

	@Nullable Process process;

	private final Deque<String> tail = new ArrayDeque<>();

	WorkerProcess(UUID id, String token, FunctionPool pool) {
		this.id = id;
		this.token = token;
		this.pool = pool;
	}

	/** Keeps the last lines the process printed, to explain a crash. */
	synchronized void printed(String line) {
		if (this.tail.size() == TAIL_LINES) {
			this.tail.removeFirst();
		}
		this.tail.addLast(line);
	}

	synchronized String tail() {
		return String.join("\n", this.tail);
	}

	void kill() {
		this.state = State.STOPPED;
		Process running = this.process;
		if (running != null) {
			running.destroyForcibly();
		}
	}

}
