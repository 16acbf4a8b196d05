package dev.springbase.auth.apikeys;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** Failures around API keys. */
final class ApiKeyException extends ApiException {

	private ApiKeyException(HttpStatus status, String code, String detail) {
		super(status, code, detail);
	}

	/**
	 * One answer for unknown, revoked and orphaned keys: which one it was is not told.
	 */
	static ApiKeyException invalidApiKey() {
		return new ApiKeyException(HttpStatus.UNAUTHORIZED, "auth.invalid_api_key",
				"The API key is unknown or revoked; copy a current key from the project's settings.");
	}

	static ApiKeyException notFound(UUID keyId) {
		return new ApiKeyException(HttpStatus.NOT_FOUND, "auth.api_key_not_found",
				"No API key " + keyId + " in this project.");
	}

	static ApiKeyException invalidType(String type) {
		return new ApiKeyException(HttpStatus.BAD_REQUEST, "auth.invalid_key_type",
				"'" + type + "' is not an API key type; use publishable or secret.");
	}

}
