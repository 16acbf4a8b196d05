package dev.springbase.platform.events;

import java.util.Collection;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** The failures of the event backbone that a caller can act on. */
final class EventsErrors {

	private EventsErrors() {
	}

	static ApiException tooLarge(String type, int size, long max) {
		return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "events.too_large", "Event of type " + type + " is "
				+ size + " bytes as JSON, more than the " + max
				+ " bytes allowed (springbase.events.max-event-size); store large content elsewhere and send a reference.");
	}

	static ApiException invalidFilter(String filter, String why) {
		return ApiException.badRequest("events.invalid_filter", "Filter \"" + filter + "\" is not valid: " + why
				+ ". Write conditions like subject ^= 'photos/' and project = '<uuid>'.");
	}

	static ApiException invalidSubscription(String why) {
		return ApiException.badRequest("events.invalid_subscription", why);
	}

	static ApiException deadLetterNotFound(UUID id) {
		return ApiException.notFound("events.dead_letter_not_found", "No dead letter " + id + " is visible to you.");
	}

	static ApiException forbidden() {
		return ApiException.forbidden("events.forbidden",
				"Dead letters are for platform admins and the secret key of the event's project.");
	}

	static ApiException unknownTypePattern(String pattern, Collection<String> domains) {
		return ApiException.badRequest("events.unknown_type_pattern",
				"Type pattern '" + pattern + "' names no known domain; start it with one of " + domains + ".");
	}

}
