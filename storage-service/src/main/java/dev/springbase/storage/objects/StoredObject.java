package dev.springbase.storage.objects;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An object's metadata row; its bytes are the blob {@code blobKey}.
 *
 * @param sha256 hex SHA-256 of the bytes, also the object's ETag
 * @param owner the end user who uploaded it, absent for keys and console accounts
 */
record StoredObject(UUID id, UUID projectId, UUID bucketId, String key, String blobKey, long size, String contentType,
		String sha256, @Nullable String cacheControl, @Nullable String owner, Map<String, String> metadata,
		Instant createdAt, Instant updatedAt) {

	String etag() {
		return "\"" + this.sha256 + "\"";
	}

}
