package dev.springbase.platform.events;

import java.util.List;

/**
 * How events travel from the outbox to subscriptions. {@link #send} runs inside the
 * relay's transaction: it returns only when the transport holds the batch durably, or
 * throws and the batch stays unsent.
 */
interface EventTransport {

	void send(List<OutboxEvent> batch);

	Subscribed subscribe(Subscription subscription, TypePattern pattern, EventFilter filter, EventHandler handler);

	/**
	 * Stops this instance's consumers of the subscription and deletes its durable state.
	 */
	void unsubscribe(String name);

	DeadLetters deadLetters();

}
