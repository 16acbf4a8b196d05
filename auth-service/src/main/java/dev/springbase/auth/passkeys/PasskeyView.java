package dev.springbase.auth.passkeys;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A passkey as its user sees it. */
record PasskeyView(UUID id, String name, String credentialId, Instant createdAt, @Nullable Instant lastUsedAt) {

	static PasskeyView of(Passkey passkey) {
		return new PasskeyView(passkey.id(), passkey.name(),
				Base64.getUrlEncoder().withoutPadding().encodeToString(passkey.credentialId()), passkey.createdAt(),
				passkey.lastUsedAt());
	}

}
