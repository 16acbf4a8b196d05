package dev.springbase.system;

import java.util.Map;

/** Settings the stack runs with in system tests, where they differ from a local run. */
final class SystemTestSettings {

	/** Account tokens expire quickly so that expiry can be observed in a test. */
	static final int ACCOUNT_TOKEN_TTL_SECONDS = 20;

	static final Map<String, String> ENVIRONMENT = Map.of("SPRINGBASE_SECURITY_CLOCKSKEW", "0s",
			"SPRINGBASE_AUTH_TOKENS_ACCOUNTTTL", ACCOUNT_TOKEN_TTL_SECONDS + "s");

	/**
	 * More environment for the stack, as {@code NAME=value,NAME=value} in the system
	 * property {@code springbase.stack.env}: benchmarks raise the rate limits with it.
	 */
	static Map<String, String> overrides() {
		Map<String, String> overrides = new java.util.HashMap<>();
		for (String pair : System.getProperty("springbase.stack.env", "").split(",")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				overrides.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
			}
		}
		return overrides;
	}

	private SystemTestSettings() {
	}

}
