package dev.springbase.auth.passkeys;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

record Passkey(UUID id, UUID projectId, UUID userId, byte[] credentialId, String name, byte[] attestedCredentialData,
		long signCount, Instant createdAt, @Nullable Instant lastUsedAt) {

}
