package dev.springbase.auth.apikeys;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A stored API key: its hash stays in the database, the key itself nowhere. */
record ApiKey(UUID id, UUID projectId, String name, ApiKeyType type, String prefix, Instant createdAt,
		@Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

}
