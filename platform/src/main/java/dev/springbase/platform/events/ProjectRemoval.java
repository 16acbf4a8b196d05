package dev.springbase.platform.events;

import java.util.UUID;

/**
 * Removes what a service holds for a project once the project is deleted. A service
 * declares one as a bean; the platform then delivers every {@value #EVENT_TYPE} to it
 * through the durable subscription {@code <service>.deleted-projects}, outside a
 * transaction and at least once, so {@link #remove} must be idempotent and may stop
 * midway: a failure or a crash delivers the event again.
 */
@FunctionalInterface
public interface ProjectRemoval {

	/** What the auth service emits in the transaction that deletes a project. */
	String EVENT_TYPE = "auth.project.deleted";

	void remove(UUID projectId) throws Exception;

}
