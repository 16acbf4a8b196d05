package dev.springbase.auth.signingkeys;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A signing key as admins see it: never any key material. */
record SigningKeyView(String kid, Instant createdAt, String state, @Nullable Instant retiredAt) {

	static SigningKeyView of(StoredSigningKey key) {
		return new SigningKeyView(key.kid(), key.createdAt(), key.isActive() ? "active" : "retired", key.retiredAt());
	}

}
