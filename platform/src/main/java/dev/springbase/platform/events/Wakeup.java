package dev.springbase.platform.events;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a waiting loop early. Signals that arrive while the loop is busy are kept (at
 * most one), so the loop looks again instead of sleeping through them.
 */
final class Wakeup {

	private final Semaphore permit = new Semaphore(0);

	void signal() {
		if (this.permit.availablePermits() == 0) {
			this.permit.release();
		}
	}

	/** Waits for a signal or the timeout, whichever comes first. */
	void await(Duration timeout) throws InterruptedException {
		if (this.permit.tryAcquire(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
			this.permit.drainPermits();
		}
	}

}
