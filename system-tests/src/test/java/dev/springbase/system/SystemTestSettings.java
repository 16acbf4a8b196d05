package dev.springbase.system;

import java.time.Duration;
import java.util.Map;

/** Settings the stack runs with in system tests, where they differ from a local run. */
final class SystemTestSettings {

	/** Account tokens expire quickly so that expiry can be observed in a test. */
	static final int ACCOUNT_TOKEN_TTL_SECONDS = 20;

	/** Mailed links and codes expire quickly too, for the same reason. */
	static final Duration MAIL_CODE_TTL = Duration.ofSeconds(15);

	/**
	 * Every test client calls from 127.0.0.1, so the auth service's throttling per client
	 * address would soon hold up unrelated tests; its throttling per account still holds.
	 */
	private static final int FREE_ATTEMPTS_PER_ADDRESS = 10_000;

	static final Map<String, String> ENVIRONMENT = Map.of("SPRINGBASE_SECURITY_CLOCKSKEW", "0s",
			"SPRINGBASE_AUTH_TOKENS_ACCOUNTTTL", ACCOUNT_TOKEN_TTL_SECONDS + "s", "SPRINGBASE_AUTH_MAIL_CODETTL",
			MAIL_CODE_TTL.toSeconds() + "s", "SPRINGBASE_AUTH_PROTECTION_ADDRESS_FREEATTEMPTS",
			String.valueOf(FREE_ATTEMPTS_PER_ADDRESS));

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
