package dev.springbase.functions.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A function as the API shows it. Secrets appear by name only; their values are never
 * returned.
 */
record FunctionView(UUID id, String name, @Nullable Integer activeVersion, Map<String, String> env,
		List<String> secrets, long timeoutSeconds, int memoryMb, int maxConcurrency, int minInstances,
		Instant createdAt, Instant updatedAt) {

	static FunctionView of(FunctionRecord function, @Nullable FunctionVersion active, List<String> secretNames) {
		return new FunctionView(function.id(), function.name(), (active != null) ? active.number() : null,
				function.env(), secretNames, function.timeout().toSeconds(), function.memoryMb(),
				function.maxConcurrency(), function.minInstances(), function.createdAt(), function.updatedAt());
	}

}
