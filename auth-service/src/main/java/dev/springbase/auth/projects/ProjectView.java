package dev.springbase.auth.projects;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A project as clients see it. */
record ProjectView(UUID id, String name, List<String> allowedOrigins, Instant createdAt, Instant updatedAt) {

	static ProjectView of(Project project) {
		return new ProjectView(project.id(), project.name(), project.allowedOrigins(), project.createdAt(),
				project.updatedAt());
	}

}
