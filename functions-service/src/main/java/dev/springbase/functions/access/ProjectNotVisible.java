package dev.springbase.functions.access;

import java.util.UUID;

import dev.springbase.platform.errors.ApiException;

/**
 * A project the caller cannot see: 404, as if it did not exist, so ids leak nothing.
 */
final class ProjectNotVisible {

	private ProjectNotVisible() {
	}

	static ApiException of(UUID projectId) {
		return ApiException.notFound("functions.project_not_found", "No project " + projectId + " is visible to you.");
	}

}
