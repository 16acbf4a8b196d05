package dev.springbase.functions.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A function as stored.
 *
 * @param minInstances how many workers are kept started even when idle
 * @param revision bumped by every change that workers must pick up
 */
record FunctionRecord(UUID id, UUID projectId, String name, @Nullable UUID activeVersionId, Map<String, String> env,
		Duration timeout, int memoryMb, int maxConcurrency, int minInstances, long revision, Instant createdAt,
		Instant updatedAt) {

	FunctionRecord withSettings(Map<String, String> env, Duration timeout, int memoryMb, int maxConcurrency,
			int minInstances, Instant now) {
		return new FunctionRecord(this.id, this.projectId, this.name, this.activeVersionId, env, timeout, memoryMb,
				maxConcurrency, minInstances, this.revision, this.createdAt, now);
	}

	/** Whether workers started with the other's settings cannot serve with these. */
	boolean changesWorkers(FunctionRecord other) {
		return !this.env.equals(other.env) || !this.timeout.equals(other.timeout) || this.memoryMb != other.memoryMb
				|| this.maxConcurrency != other.maxConcurrency;
	}

}
