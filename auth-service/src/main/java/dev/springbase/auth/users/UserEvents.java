package dev.springbase.auth.users;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.springbase.platform.events.EventPublisher;
import dev.springbase.platform.events.NewEvent;

/**
 * Emits {@code auth.user.*} events through the platform's outbox, in the transaction of
 * the change, so functions can bind to them. Does nothing where events are switched off
 * ({@code springbase.events.enabled=false}).
 */
@Component
class UserEvents {

	private final @Nullable EventPublisher publisher;

	private final UserRepository users;

	UserEvents(ObjectProvider<EventPublisher> publisher, UserRepository users) {
		// Looked up once: a look-up per event costs every sign-in a bean resolution.
		this.publisher = publisher.getIfAvailable();
		this.users = users;
	}

	/** A new user, which has no email change pending yet. */
	void created(User user) {
		publish("auth.user.created", user, Map.of("user", UserView.of(user, null)));
	}

	/**
	 * A changed user.
	 * @return the user as the event shows it, with its pending email change, for the
	 * answer to show without looking the change up again
	 */
	UserView updated(User user) {
		UserView view = this.users.withEmailChange(user).view();
		publish("auth.user.updated", user, Map.of("user", view));
		return view;
	}

	/** A user just deleted: its pending email change went with its tokens. */
	void deleted(User user) {
		publish("auth.user.deleted", user, Map.of("user", UserView.of(user, null)));
	}

	/**
	 * A sign-in.
	 * @param view the user as the sign-in answers it, so that its pending email change is
	 * looked up once for both
	 */
	void signedIn(User user, UserView view, UUID sessionId) {
		publish("auth.user.signed_in", user, Map.of("user", view, "sessionId", sessionId));
	}

	private void publish(String type, User user, Map<String, Object> data) {
		if (this.publisher != null) {
			this.publisher.publish(NewEvent.of(type, user.projectId(), user.id().toString(), data));
		}
	}

}
