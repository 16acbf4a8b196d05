package dev.springbase.gateway.ratelimit;

import java.time.Duration;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** A request over its budget; {@link #retryAfterSeconds()} goes into Retry-After. */
public class RateLimited extends ApiException {

	private static final String CODE = "gateway.rate_limited";

	private final long retryAfterSeconds;

	private RateLimited(String detail, long retryAfterSeconds) {
		super(HttpStatus.TOO_MANY_REQUESTS, CODE, detail);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	static RateLimited retryAfter(String whose, Duration wait) {
		// Retry-After takes whole seconds; rounding down could tell a client to retry
		// before a token is back.
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		return new RateLimited("Too many requests from this " + whose + ". Retry after " + seconds + " s.", seconds);
	}

	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
