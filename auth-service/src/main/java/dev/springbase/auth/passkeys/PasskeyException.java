package dev.springbase.auth.passkeys;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** Failures of passkey ceremonies. */
final class PasskeyException extends ApiException {

	private PasskeyException(HttpStatus status, String code, String detail) {
		super(status, code, detail);
	}

	static PasskeyException challengeInvalid() {
		return new PasskeyException(HttpStatus.UNAUTHORIZED, "auth.passkey_challenge_invalid",
				"The challenge is unknown, used or expired; ask for new options.");
	}

	static PasskeyException rejected(String why) {
		return new PasskeyException(HttpStatus.UNAUTHORIZED, "auth.passkey_rejected",
				"The passkey response was not accepted: " + why);
	}

	static PasskeyException unknownCredential() {
		return new PasskeyException(HttpStatus.UNAUTHORIZED, "auth.passkey_rejected",
				"This passkey is not registered in this project.");
	}

	static PasskeyException noneRegistered() {
		return new PasskeyException(HttpStatus.BAD_REQUEST, "auth.passkey_none_registered",
				"Register a passkey before verifying with one.");
	}

	static PasskeyException notFound(UUID id) {
		return new PasskeyException(HttpStatus.NOT_FOUND, "auth.passkey_not_found", "No passkey " + id + ".");
	}

	static PasskeyException malformed(String field) {
		return new PasskeyException(HttpStatus.BAD_REQUEST, "auth.passkey_malformed",
				field + " is not base64url-encoded WebAuthn data.");
	}

}
