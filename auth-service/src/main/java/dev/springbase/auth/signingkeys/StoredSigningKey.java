package dev.springbase.auth.signingkeys;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A row of {@code signing_keys}: the public JWK in clear, the private one encrypted. */
record StoredSigningKey(String kid, String publicJwk, byte[] privateJwkCiphertext, Instant createdAt,
		@Nullable Instant retiredAt) {

	boolean isActive() {
		return this.retiredAt == null;
	}

	/**
	 * Whether tokens it signed may still be presented: it signs now, or it was retired
	 * less than {@code window} (the longest token lifetime) ago.
	 */
	boolean verifiesAt(Instant now, Duration window) {
		return this.retiredAt == null || this.retiredAt.plus(window).isAfter(now);
	}

}
