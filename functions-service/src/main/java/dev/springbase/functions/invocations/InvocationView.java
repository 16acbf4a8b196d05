package dev.springbase.functions.invocations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An invocation as the API shows it: {@code trigger} is {@code http}, {@code storage},
 * {@code auth}, {@code database} or {@code schedule}, and for all but {@code http}
 * {@code triggerId} and {@code eventId} name the trigger and the event; {@code status} is
 * {@code queued}, {@code running}, {@code succeeded}, {@code failed} or
 * {@code timed_out}; {@code cold} tells whether a worker was started for it.
 */
record InvocationView(UUID id, String function, String trigger, @Nullable UUID triggerId, @Nullable UUID eventId,
		String status, @Nullable Boolean cold, @Nullable Instant startedAt, @Nullable Long durationMs,
		@Nullable String errorCode, @Nullable String errorType, @Nullable String errorMessage, List<String> logs,
		boolean logsTruncated, @Nullable String outputContentType, Instant createdAt) {

	static InvocationView of(InvocationRecord record) {
		return new InvocationView(record.id(), record.function(), record.trigger(), record.triggerId(),
				record.eventId(), record.status(), record.cold(), record.startedAt(), record.durationMs(),
				record.errorCode(), record.errorType(), record.errorMessage(), record.logs(), record.logsTruncated(),
				record.outputContentType(), record.createdAt());
	}

}
