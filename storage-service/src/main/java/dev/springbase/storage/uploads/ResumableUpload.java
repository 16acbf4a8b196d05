package dev.springbase.storage.uploads;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A tus upload under way.
 *
 * @param owner the end user who started it; absent when a key or console account did
 * @param metadata the client's {@code Upload-Metadata} header, echoed on HEAD
 */
record ResumableUpload(UUID id, UUID projectId, String bucket, String key, long length, @Nullable String owner,
		boolean upsert, @Nullable String cacheControl, @Nullable String metadata, Instant expiresAt,
		Instant createdAt) {

}
