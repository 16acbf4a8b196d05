package dev.springbase.functions.workers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a worker needs to run a function's active version, as of one revision of the
 * function. Workers are started for one revision and never serve another.
 *
 * @param minInstances how many workers to keep started even when idle; a change of it
 * alone makes no new revision
 * @param aotCache where the version's AOT cache is, when it has one
 */
public record DeployedFunction(UUID id, UUID projectId, String name, long revision, UUID versionId, Path jar,
		String handler, Map<String, String> env, Map<String, String> secrets, Duration timeout, int memoryMb,
		int maxConcurrency, int minInstances, Path aotCache) {

}
