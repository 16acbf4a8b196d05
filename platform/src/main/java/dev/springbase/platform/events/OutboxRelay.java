package dev.springbase.platform.events;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed outbox rows to the transport, in position order, in batches: each batch
 * is sent and marked sent in one transaction, under an advisory lock that lets one
 * instance of a service relay at a time. A crash before the commit leaves the rows unsent
 * and the next relay sends them again, so the transport sees every event at least once.
 * Publishing in this instance wakes the relay at once; rows of other instances are found
 * by polling.
 */
class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final Duration MIN_RETRY = Duration.ofMillis(2);

	private final Outbox outbox;

	private final EventTransport transport;

	private final TransactionTemplate transactions;

	private final EventsProperties.Relay properties;

	private final Wakeup wakeup = new Wakeup();

	private volatile boolean running;

	private Thread thread;

	OutboxRelay(Outbox outbox, EventTransport transport, TransactionTemplate transactions,
			EventsProperties.Relay properties) {
		this.outbox = outbox;
		this.transport = transport;
		this.transactions = transactions;
		this.properties = properties;
	}

	/** Asks the relay to look at the outbox now, e.g. after a publishing commit. */
	void wake() {
		this.wakeup.signal();
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = Thread.ofVirtual().name("events-relay").start(this::loop);
	}

	@Override
	public void stop() {
		this.running = false;
		this.wakeup.signal();
		try {
			this.thread.join(Duration.ofSeconds(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stops after the consumers so that their last commits are still relayed.
		return SmartLifecycle.DEFAULT_PHASE - 1;
	}

	private void loop() {
		Duration retry = MIN_RETRY;
		while (this.running) {
			try {
				Result result = relayBatch();
				if (result == Result.FULL) {
					retry = MIN_RETRY;
					continue;
				}
				if (result == Result.DONE) {
					retry = MIN_RETRY;
					this.wakeup.await(this.properties.pollInterval());
					// Commits that arrive together go out in one batch and one NOTIFY.
					Thread.sleep(this.properties.linger());
				}
				else {
					// Another instance relays: look again soon, backing off towards the
					// poll interval, so this instance takes over should that one die.
					this.wakeup.await(retry);
					retry = min(retry.multipliedBy(2), this.properties.pollInterval());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Relaying events failed, retrying: {}", ex.getMessage());
				sleepQuietly(this.properties.pollInterval());
			}
		}
	}

	Result relayBatch() {
		return this.transactions.execute((status) -> {
			if (!this.outbox.tryLockRelay()) {
				return Result.BUSY;
			}
			List<OutboxEvent> batch = this.outbox.relayable(this.properties.batchSize());
			if (!batch.isEmpty()) {
				this.transport.send(batch);
				this.outbox.markSent(batch);
			}
			return (batch.size() == this.properties.batchSize()) ? Result.FULL : Result.DONE;
		});
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static void sleepQuietly(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	enum Result {

		/** A full batch went out; more may wait. */
		FULL,
		/** Everything committed went out. */
		DONE,
		/** Another instance holds the relay lock. */
		BUSY

	}

}
