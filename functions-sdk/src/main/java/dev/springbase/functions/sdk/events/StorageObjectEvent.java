package dev.springbase.functions.sdk.events;

/**
 * The data of {@code storage.object.created} and {@code storage.object.deleted}.
 *
 * @param bucket the bucket's name
 * @param key the object's key within the bucket, such as {@code photos/cat.png}
 * @param size its length in bytes
 * @param contentType its content type, as sniffed from its bytes
 * @param sha256 the hex SHA-256 of its bytes
 * @param owner the end user who uploaded it, or {@code null} when a key or console
 * account did
 */
public record StorageObjectEvent(String bucket, String key, long size, String contentType, String sha256,
		String owner) {

}
