package dev.springbase.gateway.auth;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/**
 * The auth service could not say whether a key or token is valid. Nothing is let through
 * unverified, so the request fails with 503 and may be retried.
 */
public class AuthUnavailable extends ApiException {

	private static final String CODE = "gateway.auth_unavailable";

	private AuthUnavailable(String detail) {
		super(HttpStatus.SERVICE_UNAVAILABLE, CODE, detail);
	}

	public static AuthUnavailable cannotVerify() {
		return new AuthUnavailable(
				"The auth service cannot be reached, so your API key or token cannot be checked. Retry shortly.");
	}

}
