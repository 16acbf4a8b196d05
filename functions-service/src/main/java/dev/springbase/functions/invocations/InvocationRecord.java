package dev.springbase.functions.invocations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An invocation as stored (its output is read separately). */
record InvocationRecord(UUID id, String function, String trigger, String status, @Nullable Boolean cold,
		@Nullable Instant startedAt, @Nullable Long durationMs, @Nullable String errorCode, @Nullable String errorType,
		@Nullable String errorMessage, List<String> logs, boolean logsTruncated, @Nullable String outputContentType,
		Instant createdAt, @Nullable String callerKind, @Nullable String callerSubject, @Nullable UUID triggerId,
		@Nullable UUID eventId) {

}
