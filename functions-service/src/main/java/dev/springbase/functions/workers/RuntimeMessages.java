package dev.springbase.functions.workers;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.springbase.functions.database.DatabaseAccess;

/**
 * The JSON of the runtime API between this service and its workers; the function host has
 * the same shapes. Bodies travel base64-encoded inside the JSON.
 */
final class RuntimeMessages {

	private RuntimeMessages() {
	}

	record Init(UUID projectId, String functionName, String jar, String handler, Map<String, String> env,
			Map<String, String> secrets, int maxLogBytes, String storageUrl, @Nullable DatabaseAccess database) {

	}

	/** {@code GET {api}/token}: a fresh token of the function. */
	record Token(String token) {

	}

	/**
	 * @param token the function's platform token for other services; null when the auth
	 * service could not give one
	 * @param event set when an event trigger started the invocation
	 */
	record Next(UUID invocationId, @Nullable CallerInfo caller, byte[] body, @Nullable String token,
			@Nullable EventInfo event) {

	}

	record Result(boolean ok, byte @Nullable [] body, @Nullable String contentType, @Nullable String errorType,
			@Nullable String errorMessage, @Nullable List<String> logs, boolean logsTruncated) {

	}

}
