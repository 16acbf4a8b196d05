package dev.springbase.auth.protection;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** Too many attempts in a row: the caller must wait before the next one. */
public final class TooManyAttempts extends ApiException {

	private final long retryAfterSeconds;

	TooManyAttempts(Duration wait) {
		this(Math.max(1, (wait.toMillis() + 999) / 1000));
	}

	private TooManyAttempts(long retryAfterSeconds) {
		super(HttpStatus.TOO_MANY_REQUESTS, "auth.too_many_attempts",
				"Too many attempts; wait " + retryAfterSeconds + " s (Retry-After) before trying again.",
				Map.of("retryAfter", retryAfterSeconds));
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
