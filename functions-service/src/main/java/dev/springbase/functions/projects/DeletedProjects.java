package dev.springbase.functions.projects;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.springbase.functions.catalog.FunctionService;
import dev.springbase.functions.database.ProjectDatabases;
import dev.springbase.platform.events.ProjectRemoval;

/**
 * Removes a deleted project's functions (with their versions, secrets, triggers,
 * invocation records and workers) and then its database. Both steps are idempotent, so a
 * redelivered event finishes what a crash interrupted.
 */
@Component
class DeletedProjects implements ProjectRemoval {

	private static final Logger log = LoggerFactory.getLogger(DeletedProjects.class);

	private final FunctionService functions;

	private final ProjectDatabases databases;

	DeletedProjects(FunctionService functions, ProjectDatabases databases) {
		this.functions = functions;
		this.databases = databases;
	}

	@Override
	public void remove(UUID project) {
		int deleted = this.functions.deleteAll(project);
		this.databases.drop(project);
		log.info("Removed the functions ({}) and the database of deleted project {}", deleted, project);
	}

}
