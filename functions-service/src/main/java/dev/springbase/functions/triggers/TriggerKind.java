package dev.springbase.functions.triggers;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of trigger, with the events each can bind to and the event types those are.
 */
enum TriggerKind {

	STORAGE("storage.object.", List.of("created", "deleted")),

	AUTH("auth.user.", List.of("created", "updated", "deleted", "signed_in")),

	DATABASE("db.row.", List.of("inserted", "updated", "deleted")),

	SCHEDULE("schedule.", List.of("tick"));

	private final String typePrefix;

	private final List<String> events;

	TriggerKind(String typePrefix, List<String> events) {
		this.typePrefix = typePrefix;
		this.events = events;
	}

	String word() {
		return name().toLowerCase(Locale.ROOT);
	}

	List<String> events() {
		return this.events;
	}

	String typeOf(String event) {
		return this.typePrefix + event;
	}

	/** The subscription's type pattern: one type, or all of the kind. */
	String typePattern(List<String> chosen) {
		return (chosen.size() == 1) ? typeOf(chosen.getFirst()) : this.typePrefix + "*";
	}

	static Optional<TriggerKind> of(String word) {
		return Arrays.stream(values()).filter((kind) -> kind.word().equals(word)).findFirst();
	}

}
