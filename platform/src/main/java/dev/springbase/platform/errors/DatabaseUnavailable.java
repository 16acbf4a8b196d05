package dev.springbase.platform.errors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Answers {@code 503 service.unavailable} with {@code Retry-After} when the database
 * cannot be reached: the server is down or refuses connections, the pool found no
 * connection in time ({@link org.springframework.jdbc.CannotGetJdbcConnectionException},
 * or {@link CannotCreateTransactionException} when a transaction was to begin), or, with
 * its own wording, a statement failed in a way that is worth retrying (a lock or
 * serialization failure, a timeout). That is no bug, so it logs one line at warn, not a
 * stack trace per request. Every other data-access failure stays a bug.
 * <p>
 * Asked by {@link ProblemDetailsAdvice} for what reaches Spring MVC and by
 * {@link ProblemErrorController} for what fails in a filter; registered only where data
 * access is on the class path (the gateway has none).
 */
public class DatabaseUnavailable {

	static final String CODE = "service.unavailable";

	/**
	 * PostgreSQL's {@code lock_not_available}: a lock waited for past
	 * {@code lock_timeout}. Spring's default translator leaves it uncategorized.
	 */
	private static final String LOCK_NOT_AVAILABLE = "55P03";

	/** Long enough for a restarting server or a drained pool, short enough to matter. */
	static final long RETRY_AFTER_SECONDS = 5;

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

	/** The answer to the failure; null when the database's absence is not its cause. */
	@Nullable ResponseEntity<ProblemDetail> answerFor(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException
					|| cause instanceof CannotCreateTransactionException) {
				return answer((NestedRuntimeException) cause, false);
			}
			if (cause instanceof TransientDataAccessException || isLockTimeout(cause)) {
				return answer((NestedRuntimeException) cause, true);
			}
			Throwable hidden = hiddenByRollback(cause);
			if (hidden != null) {
				return answerFor(hidden);
			}
		}
		return null;
	}

	/**
	 * What to report of a failure that is not the database's absence: the exception a
	 * failed rollback replaced when there is one (Spring's own log of it is off, see
	 * {@code DatabaseDefaults}), otherwise the failure itself.
	 */
	Throwable toReport(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			Throwable hidden = hiddenByRollback(cause);
			if (hidden != null) {
				return hidden;
			}
		}
		return failure;
	}

	/**
	 * A connection lost in a transaction fails its rollback too, and the rollback's
	 * failure replaces the one that says why: that one, if so.
	 */
	private static @Nullable Throwable hiddenByRollback(Throwable failure) {
		return (failure instanceof TransactionSystemException rollback) ? rollback.getApplicationException() : null;
	}

	private static boolean isLockTimeout(Throwable failure) {
		return failure instanceof UncategorizedSQLException uncategorized && uncategorized.getSQLException() != null
				&& LOCK_NOT_AVAILABLE.equals(uncategorized.getSQLException().getSQLState());
	}

	/**
	 * @param busy whether the database answered but gave up on the statement (a timeout,
	 * a lock or serialization conflict), rather than being out of reach
	 */
	private ResponseEntity<ProblemDetail> answer(NestedRuntimeException ex, boolean busy) {
		log.warn("503 {}: {} ({})", CODE, ex.getMessage(), ex.getMostSpecificCause().getMessage());
		String detail = busy ? "The service's database is too busy to finish this request right now; try again shortly."
				: "The service cannot reach its database right now; try again shortly.";
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
			.contentType(Problems.MEDIA_TYPE)
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, CODE, detail));
	}

}
