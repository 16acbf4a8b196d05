package dev.springbase.functions.triggers;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import dev.springbase.platform.events.EventSubscriber;
import dev.springbase.platform.events.Subscribed;

/**
 * The trigger subscriptions this instance consumes: every trigger's, so that instances
 * share the work and any one of them keeps triggers running. Started for every stored
 * trigger once the application is ready, for a new one when it is created here, and
 * brought in line with the stored triggers every {@code sync-interval} for those created
 * or deleted through another instance. Each sync (the first at start-up) also removes the
 * subscriptions of deleted triggers that are still on the event backbone: a deletion
 * notes them in its transaction, so a crash before the removal leaves no orphan.
 */
@ConditionalOnBooleanProperty("springbase.events.enabled")
@Component
class TriggerSubscriptions implements ApplicationRunner, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(TriggerSubscriptions.class);

	private final EventSubscriber subscriber;

	private final TriggerRepository triggers;

	private final TriggerHandler handler;

	private final TriggersProperties properties;

	private final Map<UUID, Subscribed> consuming = new ConcurrentHashMap<>();

	private final ScheduledExecutorService sync = Executors
		.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("trigger-sync").factory());

	TriggerSubscriptions(EventSubscriber subscriber, TriggerRepository triggers, TriggerHandler handler,
			TriggersProperties properties) {
		this.subscriber = subscriber;
		this.triggers = triggers;
		this.handler = handler;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		sync();
		long every = this.properties.syncInterval().toMillis();
		this.sync.scheduleWithFixedDelay(this::sync, every, every, TimeUnit.MILLISECONDS);
	}

	/** Registers the trigger's subscription, durably, and consumes it here. */
	void subscribe(Trigger trigger) {
		try {
			this.consuming.computeIfAbsent(trigger.id(),
					(id) -> this.subscriber.subscribe(
							trigger.subscription().withConcurrency(this.properties.concurrency()),
							(event) -> this.handler.handle(trigger, event)));
		}
		catch (RuntimeException ex) {
			// The next sync tries again.
			log.warn("Could not subscribe trigger {}: {}", trigger.id(), ex.getMessage());
		}
	}

	/**
	 * Stops consuming the trigger's subscription and removes it with its pending events.
	 */
	void unsubscribe(UUID triggerId) {
		Subscribed subscribed = this.consuming.remove(triggerId);
		if (subscribed != null) {
			subscribed.close();
		}
		try {
			this.subscriber.unsubscribe(Trigger.subscriptionName(triggerId));
			this.triggers.subscriptionRemoved(triggerId);
		}
		catch (RuntimeException ex) {
			// The next sync tries again: the trigger's deletion left a note to do so.
			log.warn("Could not remove the subscription of trigger {}: {}", triggerId, ex.getMessage());
		}
	}

	boolean consumes(UUID triggerId) {
		return this.consuming.containsKey(triggerId);
	}

	void sync() {
		try {
			Map<UUID, Trigger> stored = this.triggers.all()
				.stream()
				.collect(Collectors.toMap(Trigger::id, (trigger) -> trigger));
			stored.values().stream().filter((trigger) -> !consumes(trigger.id())).forEach(this::subscribe);
			Set<UUID> gone = this.consuming.keySet()
				.stream()
				.filter((id) -> !stored.containsKey(id))
				.collect(Collectors.toSet());
			gone.forEach(this::unsubscribe);
			// Subscriptions of triggers deleted by an instance that stopped before it
			// removed them (or failed to).
			this.triggers.retiredSubscriptions().forEach(this::unsubscribe);
		}
		catch (RuntimeException ex) {
			log.warn("Could not bring trigger subscriptions in line with the triggers: {}", ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.sync.shutdownNow();
		// Together: each close waits for the event its consumer has in hand.
		List<Thread> closing = this.consuming.values()
			.stream()
			.map((subscribed) -> Thread.ofVirtual().start(subscribed::close))
			.toList();
		this.consuming.clear();
		for (Thread thread : closing) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
