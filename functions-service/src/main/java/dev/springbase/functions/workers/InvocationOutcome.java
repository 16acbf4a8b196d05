package dev.springbase.functions.workers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * How an invocation ended.
 *
 * @param status {@link Status#SUCCEEDED}, or why not
 * @param errorCode the stable problem code of a failure, such as
 * {@code functions.timeout}
 * @param errorType the exception class a function threw, or what happened to its worker
 * @param output the function's result (empty on failure)
 * @param contentType the result's content type, when there is a result
 * @param logs the invocation's log lines
 * @param startedAt when a worker took it; null when none did
 * @param duration from start to end, on the worker
 * @param cold whether it was the worker's first invocation
 * @param workerId the worker that ran it
 */
public record InvocationOutcome(Status status, @Nullable String errorCode, @Nullable String errorType,
		@Nullable String errorMessage, byte[] output, @Nullable String contentType, List<String> logs,
		boolean logsTruncated, @Nullable Instant startedAt, @Nullable Duration duration, @Nullable Boolean cold,
		@Nullable UUID workerId) {

	public enum Status {

		SUCCEEDED, FAILED, TIMED_OUT;

		public String word() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
