package dev.springbase.platform.events;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Starts consuming a subscription in this instance. Subscribe once the application is
 * ready (an {@code ApplicationRunner}, say): events start flowing at once.
 */
public final class EventSubscriber {

	private static final int MAX_OPTION = 1000;

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

	private final EventTransport transport;

	private final List<String> domains;

	EventSubscriber(EventTransport transport, List<String> domains) {
		this.transport = transport;
		this.domains = List.copyOf(domains);
	}

	/**
	 * Registers the subscription (durably, so events emitted while no instance runs are
	 * kept for it) and starts handing its events to the handler.
	 * @throws dev.springbase.platform.errors.ApiException 400
	 * {@code events.invalid_subscription}, {@code events.invalid_type_pattern},
	 * {@code events.unknown_type_pattern} or {@code events.invalid_filter}; nothing is
	 * registered then
	 */
	public Subscribed subscribe(Subscription subscription, EventHandler handler) {
		if (!NAME.matcher(subscription.name()).matches()) {
			throw EventsErrors.invalidSubscription("Subscription name '" + subscription.name()
					+ "' is not valid: use 1 to 100 lowercase letters, digits, dots, dashes or underscores.");
		}
		if (outOfRange(subscription.batchSize()) || outOfRange(subscription.concurrency())) {
			throw EventsErrors.invalidSubscription("Subscription " + subscription.name()
					+ " needs a batch size and a concurrency between 1 and " + MAX_OPTION + ".");
		}
		if (subscription.outsideTransaction() && subscription.batchSize() != null && subscription.batchSize() != 1) {
			throw EventsErrors.invalidSubscription("Subscription " + subscription.name()
					+ " handles events outside a transaction, so one at a time: its batch size must be 1.");
		}
		TypePattern pattern = TypePattern.parse(subscription.typePattern(), this.domains);
		EventFilter filter = EventFilter.parse((subscription.filter() != null) ? subscription.filter() : "");
		return this.transport.subscribe(subscription, pattern, filter, handler);
	}

	/**
	 * Removes the subscription for good: stops its consumers in this instance and drops
	 * what the transport keeps for it (pending deliveries, its queues, its dead letters).
	 * Consumers of it in other instances find nothing more to handle; close them too. A
	 * subscription that does not exist is no error.
	 */
	public void unsubscribe(String name) {
		if (!NAME.matcher(name).matches()) {
			throw EventsErrors.invalidSubscription("Subscription name '" + name + "' is not valid.");
		}
		this.transport.unsubscribe(name);
	}

	private static boolean outOfRange(@Nullable Integer option) {
		return option != null && (option < 1 || option > MAX_OPTION);
	}

}
