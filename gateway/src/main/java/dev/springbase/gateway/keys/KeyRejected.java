package dev.springbase.gateway.keys;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** An API key or bearer token that the gateway will not pass on. */
class KeyRejected extends ApiException {

	private KeyRejected(String code, String detail) {
		super(HttpStatus.UNAUTHORIZED, code, detail);
	}

	static KeyRejected missing() {
		return new KeyRejected("gateway.api_key_missing",
				"Send your project's API key in the apikey header. Console calls send the account's bearer token instead.");
	}

	static KeyRejected invalid() {
		return new KeyRejected("gateway.api_key_invalid",
				"The API key in the apikey header is unknown or has been revoked. Copy a current key from the console.");
	}

	static KeyRejected tokenInvalid() {
		return new KeyRejected("gateway.token_invalid",
				"The bearer token is expired, malformed or not signed by this platform. Sign in again.");
	}

	static KeyRejected tokenProjectMismatch() {
		return new KeyRejected("gateway.token_project_mismatch",
				"The bearer token belongs to another project than the API key. Send the key of the project the user signed in to.");
	}

}
