package dev.springbase.functions.host;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.springbase.functions.sdk.Caller;
import dev.springbase.functions.sdk.events.EventInfo;

/**
 * The JSON the worker and the functions service exchange (the service has the same
 * shapes). Bodies travel base64-encoded inside the JSON.
 */
final class RuntimeMessages {

	private RuntimeMessages() {
	}

	/**
	 * {@code GET {api}/init}: what the worker runs, and with which settings;
	 * {@code storageUrl} is where the storage service is reached from the worker.
	 */
	record Init(UUID projectId, String functionName, String jar, String handler, Map<String, String> env,
			Map<String, String> secrets, int maxLogBytes, String storageUrl, Database database) {

	}

	/**
	 * How to log in to the project's database; null when the service could not prepare
	 * it.
	 */
	record Database(String url, String user, String password, String schema) {

	}

	/**
	 * {@code GET {api}/next}: one invocation to run, with the function's platform token
	 * for other services (null when none could be had); {@code event} is set when an
	 * event trigger started it, and the body is then the event's data.
	 */
	record Next(UUID invocationId, Caller caller, byte[] body, String token, EventInfo event) {

	}

	/** {@code GET {api}/token}: a fresh token of the function. */
	record Token(String token) {

	}

	/** {@code POST {api}/invocations/{id}}: how it went. */
	record Result(boolean ok, byte[] body, String contentType, String errorType, String errorMessage, List<String> logs,
			boolean logsTruncated) {

	}

}
