package dev.springbase.auth.mfa;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A TOTP factor; its secret stays encrypted until a code is checked. */
record Factor(UUID id, UUID projectId, UUID userId, @Nullable String friendlyName, byte[] secretCiphertext,
		@Nullable Instant verifiedAt, long lastUsedStep, Instant createdAt) {

}
