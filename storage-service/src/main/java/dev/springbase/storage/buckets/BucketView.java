package dev.springbase.storage.buckets;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.springbase.storage.access.AccessRules;

/** A bucket as clients see it. */
record BucketView(UUID id, String name, @JsonProperty("public") boolean isPublic, @Nullable Long maxObjectSize,
		List<String> allowedMimeTypes, AccessRules accessRules, Instant createdAt, Instant updatedAt) {

	static BucketView of(Bucket bucket) {
		return new BucketView(bucket.id(), bucket.name(), bucket.isPublic(), bucket.maxObjectSize(),
				bucket.allowedMimeTypes(), bucket.accessRules(), bucket.createdAt(), bucket.updatedAt());
	}

}
