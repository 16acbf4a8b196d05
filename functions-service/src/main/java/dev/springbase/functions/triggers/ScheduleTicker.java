package dev.springbase.functions.triggers;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.platform.events.EventPublisher;
import dev.springbase.platform.events.NewEvent;

/**
 * Fires schedule triggers once per tick across every instance of the service. Each
 * instance looks for due triggers every {@code schedule-poll-interval}; a due row is
 * claimed with {@code FOR UPDATE SKIP LOCKED}, its {@code schedule.tick} event written to
 * the outbox and its next time set, all in one transaction, so a tick is emitted exactly
 * once however many instances race for it, and never lost when one dies mid-way. The next
 * time is the first after now: ticks missed while no instance ran fire once, not in a
 * burst.
 */
@ConditionalOnBooleanProperty("springbase.events.enabled")
@Component
class ScheduleTicker implements SmartLifecycle {

	static final String TICK = "schedule.tick";

	private static final Logger log = LoggerFactory.getLogger(ScheduleTicker.class);

	private static final int BATCH = 100;

	private final TriggerRepository triggers;

	private final EventPublisher publisher;

	private final TransactionTemplate transactions;

	private final TriggersProperties properties;

	private volatile boolean running;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private @Nullable Thread loop;

	ScheduleTicker(TriggerRepository triggers, EventPublisher publisher, TransactionTemplate transactions,
			TriggersProperties properties) {
		this.triggers = triggers;
		this.publisher = publisher;
		this.transactions = transactions;
		this.properties = properties;
	}

	/** Emits the ticks that are due; returns how many. */
	int fireDue() {
		int fired = 0;
		while (true) {
			Integer batch = this.transactions.execute((status) -> {
				Instant now = this.triggers.now();
				List<Trigger> due = this.triggers.claimDue(now, BATCH);
				for (Trigger trigger : due) {
					fire(trigger, now);
				}
				return due.size();
			});
			fired += (batch != null) ? batch : 0;
			if (batch == null || batch < BATCH) {
				return fired;
			}
		}
	}

	private void fire(Trigger trigger, Instant now) {
		String cron = String.valueOf(trigger.cron());
		String zone = String.valueOf(trigger.timeZone());
		Instant scheduledAt = (trigger.nextFireAt() != null) ? trigger.nextFireAt() : now;
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("scheduledAt", scheduledAt.toString());
		data.put("cron", cron);
		data.put("timeZone", zone);
		this.publisher.publish(NewEvent.of(TICK, trigger.projectId(), trigger.id().toString(), data));
		this.triggers.setNextFireAt(trigger.id(), Schedules.next(cron, zone, now));
	}

	private void run() {
		while (this.running) {
			try {
				fireDue();
			}
			catch (RuntimeException ex) {
				log.warn("Could not fire schedule triggers: {}", ex.getMessage());
			}
			try {
				this.stopped.await(this.properties.schedulePollInterval().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.loop = Thread.ofVirtual().name("schedule-ticker").start(this::run);
	}

	@Override
	public void stop() {
		this.running = false;
		// No interrupt: it would close the connection of a claim in progress.
		this.stopped.countDown();
		Thread thread = this.loop;
		if (thread != null) {
			try {
				thread.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
