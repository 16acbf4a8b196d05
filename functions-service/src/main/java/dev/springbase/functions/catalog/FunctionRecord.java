package dev.springbase.functions.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A function as stored.
 *
 * @param revision bumped by every change that workers must pick up
 */
record FunctionRecord(UUID id, UUID projectId, String name, @Nullable UUID activeVersionId, Map<String, String> env,
		Duration timeout, int memoryMb, int maxConcurrency, long revision, Instant createdAt, Instant updatedAt) {

	FunctionRecord withSettings(Map<String, String> env, Duration timeout, int memoryMb, int maxConcurrency,
			Instant now) {
		return new FunctionRecord(this.id, this.projectId, this.name, this.activeVersionId, env, timeout, memoryMb,
				maxConcurrency, this.revision, this.createdAt, now);
	}

}
