package dev.springbase.platform.events;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Starts consuming a subscription in this instance. Subscribe once the application is
 * ready (an {@code ApplicationRunner}, say): events start flowing at once.
 */
public final class EventSubscriber {

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
		TypePattern pattern = TypePattern.parse(subscription.typePattern(), this.domains);
		EventFilter filter = EventFilter.parse((subscription.filter() != null) ? subscription.filter() : "");
		return this.transport.subscribe(subscription, pattern, filter, handler);
	}

}
