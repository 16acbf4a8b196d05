package dev.springbase.auth.users;

import java.util.Map;
import java.util.UUID;

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

	private final ObjectProvider<EventPublisher> publisher;

	UserEvents(ObjectProvider<EventPublisher> publisher) {
		this.publisher = publisher;
	}

	void created(User user) {
		publish("auth.user.created", user, Map.of("user", UserView.of(user)));
	}

	void updated(User user) {
		publish("auth.user.updated", user, Map.of("user", UserView.of(user)));
	}

	void deleted(User user) {
		publish("auth.user.deleted", user, Map.of("user", UserView.of(user)));
	}

	void signedIn(User user, UUID sessionId) {
		publish("auth.user.signed_in", user, Map.of("user", UserView.of(user), "sessionId", sessionId));
	}

	private void publish(String type, User user, Map<String, Object> data) {
		this.publisher
			.ifAvailable((events) -> events.publish(NewEvent.of(type, user.projectId(), user.id().toString(), data)));
	}

}
