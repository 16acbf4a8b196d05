package dev.springbase.storage.objects;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bytes and objects stored per project, for quotas. */
@Repository
class UsageRepository {

	record Usage(long bytes, long objects) {

	}

	private final JdbcClient jdbc;

	UsageRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Usage current(UUID projectId) {
		return this.jdbc.sql("select bytes, objects from project_usage where project_id = :project")
			.param("project", projectId)
			.query((rs, row) -> new Usage(rs.getLong("bytes"), rs.getLong("objects")))
			.optional()
			.orElse(new Usage(0, 0));
	}

	/**
	 * Locks the project's usage row until the transaction ends: changes of one project's
	 * objects commit one after the other, so quotas hold under concurrent uploads.
	 */
	Usage lock(UUID projectId) {
		this.jdbc
			.sql("insert into project_usage (project_id, bytes, objects) values (:project, 0, 0) "
					+ "on conflict do nothing")
			.param("project", projectId)
			.update();
		return this.jdbc.sql("select bytes, objects from project_usage where project_id = :project for update")
			.param("project", projectId)
			.query((rs, row) -> new Usage(rs.getLong("bytes"), rs.getLong("objects")))
			.single();
	}

	void add(UUID projectId, long bytes, long objects) {
		this.jdbc
			.sql("update project_usage set bytes = bytes + :bytes, objects = objects + :objects "
					+ "where project_id = :project")
			.param("project", projectId)
			.param("bytes", bytes)
			.param("objects", objects)
			.update();
	}

}
