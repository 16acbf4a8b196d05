package dev.springbase.platform.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.cloudevents.CloudEvent;

/**
 * The small filter language of subscriptions: conditions joined by {@code and}, each
 * {@code attribute = 'value'} (equal) or {@code attribute ^= 'value'} (starts with), on
 * the attributes {@code source}, {@code subject} and {@code project}. A quote inside a
 * value is written twice. Example: {@code subject ^= 'photos/' and project = '0190...'}.
 */
final class EventFilter {

	private static final List<String> ATTRIBUTES = List.of("source", "subject", "project");

	private static final EventFilter ALL = new EventFilter(List.of());

	private final List<Condition> conditions;

	private EventFilter(List<Condition> conditions) {
		this.conditions = conditions;
	}

	static EventFilter parse(String text) {
		if (text.isBlank()) {
			return ALL;
		}
		if (text.length() > 1000) {
			throw EventsErrors.invalidFilter(text.substring(0, 40) + "...", "it is longer than 1000 characters");
		}
		return new Parser(text).parse();
	}

	/** Whether every event passes, so there is no need to read it. */
	boolean acceptsAll() {
		return this.conditions.isEmpty();
	}

	boolean matches(CloudEvent event) {
		for (Condition condition : this.conditions) {
			if (!condition.matches(event)) {
				return false;
			}
		}
		return true;
	}

	private record Condition(String attribute, boolean prefix, String value) {

		boolean matches(CloudEvent event) {
			String actual = switch (this.attribute) {
				case "source" -> event.getSource().toString();
				case "subject" -> event.getSubject();
				default -> Objects.toString(event.getExtension(CloudEventJson.PROJECT), null);
			};
			if (actual == null) {
				return false;
			}
			return this.prefix ? actual.startsWith(this.value) : actual.equals(this.value);
		}

	}

	private static final class Parser {

		private final String text;

		private int at;

		Parser(String text) {
			this.text = text;
		}

		EventFilter parse() {
			List<Condition> conditions = new ArrayList<>();
			do {
				conditions.add(condition());
				skipSpaces();
			}
			while (keyword("and"));
			if (this.at < this.text.length()) {
				throw error("expected 'and' or the end at position " + (this.at + 1));
			}
			return new EventFilter(List.copyOf(conditions));
		}

		private Condition condition() {
			skipSpaces();
			int start = this.at;
			while (this.at < this.text.length() && Character.isLetter(this.text.charAt(this.at))) {
				this.at++;
			}
			String attribute = this.text.substring(start, this.at);
			if (attribute.isEmpty()) {
				throw error("expected an attribute at position " + (start + 1));
			}
			if (!ATTRIBUTES.contains(attribute)) {
				throw error("unknown attribute '" + attribute + "', use one of " + ATTRIBUTES);
			}
			skipSpaces();
			boolean prefix;
			if (this.text.startsWith("^=", this.at)) {
				prefix = true;
				this.at += 2;
			}
			else if (this.text.startsWith("=", this.at)) {
				prefix = false;
				this.at += 1;
			}
			else {
				throw error("expected '=' or '^=' after " + attribute);
			}
			skipSpaces();
			String value = quoted();
			if (attribute.equals("project")) {
				if (prefix) {
					throw error("project can only be compared with '='");
				}
				try {
					value = UUID.fromString(value).toString();
				}
				catch (IllegalArgumentException ex) {
					throw error("project must be a UUID, was '" + value + "'");
				}
			}
			return new Condition(attribute, prefix, value);
		}

		private String quoted() {
			if (this.at >= this.text.length() || this.text.charAt(this.at) != '\'') {
				throw error("expected a value in single quotes at position " + (this.at + 1));
			}
			StringBuilder value = new StringBuilder();
			this.at++;
			while (this.at < this.text.length()) {
				char c = this.text.charAt(this.at++);
				if (c != '\'') {
					value.append(c);
				}
				else if (this.at < this.text.length() && this.text.charAt(this.at) == '\'') {
					value.append('\'');
					this.at++;
				}
				else {
					return value.toString();
				}
			}
			throw error("a quoted value is not closed");
		}

		private boolean keyword(String word) {
			if (this.text.regionMatches(true, this.at, word, 0, word.length())
					&& this.at + word.length() < this.text.length()
					&& Character.isWhitespace(this.text.charAt(this.at + word.length()))) {
				this.at += word.length();
				return true;
			}
			return false;
		}

		private void skipSpaces() {
			while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
				this.at++;
			}
		}

		private RuntimeException error(String why) {
			return EventsErrors.invalidFilter(this.text, why);
		}

	}

}
