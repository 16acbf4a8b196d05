package dev.springbase.platform.events;

import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

/** The dead-letter list of the configured transport: list, inspect, replay. */
public interface DeadLetters {

	/**
	 * Dead letters oldest first.
	 * @param project only those of this project, or all when null
	 * @param subscription only those of this subscription, or all when null
	 */
	CursorPage<DeadLetter> list(PageRequest page, @Nullable UUID project, @Nullable String subscription);

	/** One dead letter with its whole event. */
	Optional<DeadLetter> find(UUID id);

	/**
	 * Removes the dead letter and delivers its event to its subscription again, with a
	 * fresh count of attempts.
	 * @throws dev.springbase.platform.errors.ApiException 404
	 * {@code events.dead_letter_not_found}
	 */
	DeadLetter replay(UUID id);

}
