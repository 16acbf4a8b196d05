package dev.springbase.auth.sessions;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

record Session(UUID id, UUID projectId, UUID userId, String aal, @Nullable String userAgent, @Nullable String ipAddress,
		Instant createdAt, Instant refreshedAt, @Nullable Instant revokedAt) {

}
