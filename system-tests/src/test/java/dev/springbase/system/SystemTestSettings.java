package dev.springbase.system;

import java.util.Map;

/** Settings the stack runs with in system tests, where they differ from a local run. */
final class SystemTestSettings {

	/** Account tokens expire quickly so that expiry can be observed in a test. */
	static final int ACCOUNT_TOKEN_TTL_SECONDS = 20;

	static final Map<String, String> ENVIRONMENT = Map.of("SPRINGBASE_SECURITY_CLOCKSKEW", "0s",
			"SPRINGBASE_AUTH_TOKENS_ACCOUNTTTL", ACCOUNT_TOKEN_TTL_SECONDS + "s");

	private SystemTestSettings() {
	}

}
