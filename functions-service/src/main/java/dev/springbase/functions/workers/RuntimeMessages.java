package dev.springbase.functions.workers;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The JSON of the runtime API between this service and its workers; the function host has
 * the same shapes. Bodies travel base64-encoded inside the JSON.
 */
final class RuntimeMessages {

	private RuntimeMessages() {
	}

	record Init(UUID projectId, String functionName, String jar, String handler, Map<String, String> env,
			Map<String, String> secrets, int maxLogBytes) {

	}

	record Next(UUID invocationId, @Nullable CallerInfo caller, byte[] body, @Nullable EventInfo event) {

	}

	record Result(boolean ok, byte @Nullable [] body, @Nullable String contentType, @Nullable String errorType,
			@Nullable String errorMessage, @Nullable List<String> logs, boolean logsTruncated) {

	}

}
