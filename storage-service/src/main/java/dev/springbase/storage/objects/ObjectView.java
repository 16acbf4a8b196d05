package dev.springbase.storage.objects;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** An object's metadata as clients see it. */
public record ObjectView(String bucket, String key, long size, String contentType, String sha256, String etag,
		@Nullable String cacheControl, @Nullable String owner, Map<String, String> metadata, Instant createdAt,
		Instant updatedAt) {

	static ObjectView of(String bucket, StoredObject object) {
		return new ObjectView(bucket, object.key(), object.size(), object.contentType(), object.sha256(), object.etag(),
				object.cacheControl(), object.owner(), object.metadata(), object.createdAt(), object.updatedAt());
	}

}
