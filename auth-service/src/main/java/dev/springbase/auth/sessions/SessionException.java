package dev.springbase.auth.sessions;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** Failures around sessions and refresh tokens. */
public final class SessionException extends ApiException {

	private SessionException(HttpStatus status, String code, String detail) {
		super(status, code, detail);
	}

	static SessionException invalidRefreshToken() {
		return new SessionException(HttpStatus.UNAUTHORIZED, "auth.invalid_refresh_token",
				"The refresh token is unknown or its session is over; sign in again.");
	}

	static SessionException alreadyUsed() {
		return new SessionException(HttpStatus.UNAUTHORIZED, "auth.refresh_token_already_used",
				"This refresh token was just used by another request; use the tokens that request received.");
	}

	static SessionException reused() {
		return new SessionException(HttpStatus.UNAUTHORIZED, "auth.refresh_token_reused",
				"This refresh token was already used, so it may have been stolen; its session is revoked. Sign in again.");
	}

	static SessionException revoked() {
		return new SessionException(HttpStatus.UNAUTHORIZED, "auth.session_revoked",
				"The session of this token was signed out or revoked; sign in again.");
	}

	static SessionException userRequired() {
		return new SessionException(HttpStatus.FORBIDDEN, "auth.user_required",
				"This endpoint is for signed-in users; send the user's access token.");
	}

	static SessionException mfaRequired() {
		return new SessionException(HttpStatus.FORBIDDEN, "auth.mfa_required",
				"This project requires a second factor: verify a TOTP code (POST /auth/v1/factors/{id}/verify) "
						+ "or enrol one (POST /auth/v1/factors) first.");
	}

	public static SessionException banned() {
		return new SessionException(HttpStatus.FORBIDDEN, "auth.user_banned",
				"This user is banned for now and cannot sign in.");
	}

	static SessionException notFound(UUID sessionId) {
		return new SessionException(HttpStatus.NOT_FOUND, "auth.session_not_found", "No session " + sessionId + ".");
	}

}
