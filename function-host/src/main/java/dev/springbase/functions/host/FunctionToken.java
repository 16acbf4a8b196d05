package dev.springbase.functions.host;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The function's platform token during one invocation. A function may run longer than a
 * token lives (the longest timeout against the auth service's
 * {@code springbase.auth.tokens.function-ttl}), so a token within a minute of its expiry
 * is exchanged for a fresh one from the runtime API before a client uses it.
 */
final class FunctionToken implements Supplier<String> {

	private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

	private final RuntimeClient runtime;

	private String value;

	private Instant expiresAt;

	/**
	 * @param value the token the invocation came with; null when the service could not
	 * get one
	 */
	FunctionToken(RuntimeClient runtime, String value) {
		this.runtime = runtime;
		this.value = value;
		this.expiresAt = expiry(runtime.json(), value);
	}

	/**
	 * A token valid for at least a minute more when one can be had, else the last one.
	 */
	@Override
	public synchronized String get() {
		if (this.value != null && Instant.now().plus(RENEW_BEFORE).isBefore(this.expiresAt)) {
			return this.value;
		}
		try {
			String fresh = this.runtime.token();
			if (fresh != null) {
				this.value = fresh;
				this.expiresAt = expiry(this.runtime.json(), fresh);
			}
		}
		catch (IOException ex) {
			// The clients report the old token's refusal, or its absence, as they do.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.value;
	}

	/** The {@code exp} of a JWT; never, for a token this cannot read. */
	private static Instant expiry(JsonMapper json, String token) {
		if (token == null) {
			return Instant.MIN;
		}
		try {
			String[] parts = token.split("\\.");
			JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
			JsonNode exp = claims.get("exp");
			return (exp != null && exp.isNumber()) ? Instant.ofEpochSecond(exp.asLong()) : Instant.MAX;
		}
		catch (RuntimeException ex) {
			return Instant.MAX;
		}
	}

}
