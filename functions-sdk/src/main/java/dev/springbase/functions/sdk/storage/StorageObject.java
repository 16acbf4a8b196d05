package dev.springbase.functions.sdk.storage;

import java.time.Instant;
import java.util.Map;

/**
 * An object's metadata, as the storage service shows it.
 *
 * @param bucket the bucket's name
 * @param key the key within the bucket, such as {@code photos/cat.png}
 * @param size its length in bytes
 * @param contentType its type, as sniffed from its bytes
 * @param sha256 the hex SHA-256 of its bytes
 * @param etag its entity tag
 * @param cacheControl the {@code Cache-Control} downloads carry, or {@code null}
 * @param owner the end user who uploaded it, or {@code null}
 * @param metadata what the uploader attached
 * @param createdAt when the key was first stored
 * @param updatedAt when its current content was stored
 */
public record StorageObject(String bucket, String key, long size, String contentType, String sha256, String etag,
		String cacheControl, String owner, Map<String, String> metadata, Instant createdAt, Instant updatedAt) {

}
