package dev.springbase.platform.events;

import java.util.Collection;
import java.util.regex.Pattern;

import dev.springbase.platform.errors.ApiException;

/**
 * An event-type pattern with AMQP topic semantics, so the RabbitMQ transport can bind
 * with it unchanged: segments split by dots, {@code *} matches exactly one segment,
 * {@code #} matches zero or more. The first segment names a known domain, so a typo such
 * as {@code storgae.object.*} is refused instead of silently matching nothing.
 */
final class TypePattern {

	private static final Pattern SEGMENT = Pattern.compile("[a-z][a-z0-9_-]*");

	private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+");

	private final String text;

	private final String[] segments;

	private TypePattern(String text) {
		this.text = text;
		this.segments = text.split("\\.", -1);
	}

	static TypePattern parse(String text, Collection<String> domains) {
		if (text.isEmpty() || text.length() > 255) {
			throw invalid(text, "it must be 1 to 255 characters");
		}
		TypePattern pattern = new TypePattern(text);
		for (String segment : pattern.segments) {
			if (!segment.equals("*") && !segment.equals("#") && !SEGMENT.matcher(segment).matches()) {
				throw invalid(text, "segment '" + segment
						+ "' is neither a lowercase word, '*' (one segment) nor '#' (any number of segments)");
			}
		}
		if (!domains.contains(pattern.segments[0])) {
			throw EventsErrors.unknownTypePattern(text, domains);
		}
		return pattern;
	}

	/** Checks the type of an event about to be published. */
	static void checkType(String type, Collection<String> domains) {
		if (type.length() > 255 || !TYPE.matcher(type).matches()) {
			throw ApiException.badRequest("events.invalid_type", "Event type '" + type
					+ "' is not valid: use lowercase dot-separated words such as storage.object.created.");
		}
		String domain = type.substring(0, type.indexOf('.'));
		if (!domains.contains(domain)) {
			throw ApiException.badRequest("events.unknown_type",
					"Event type '" + type + "' names no known domain; known domains are " + domains + ".");
		}
	}

	boolean matches(String type) {
		return matches(this.segments, 0, type.split("\\."), 0);
	}

	private static boolean matches(String[] pattern, int p, String[] type, int t) {
		if (p == pattern.length) {
			return t == type.length;
		}
		if (pattern[p].equals("#")) {
			for (int skip = t; skip <= type.length; skip++) {
				if (matches(pattern, p + 1, type, skip)) {
					return true;
				}
			}
			return false;
		}
		if (t == type.length) {
			return false;
		}
		return (pattern[p].equals("*") || pattern[p].equals(type[t])) && matches(pattern, p + 1, type, t + 1);
	}

	/** The AMQP topic binding key that selects the same types. */
	String bindingKey() {
		return this.text;
	}

	@Override
	public String toString() {
		return this.text;
	}

	private static ApiException invalid(String text, String why) {
		return ApiException.badRequest("events.invalid_type_pattern",
				"Type pattern '" + text + "' is not valid: " + why + ".");
	}

}
