package dev.springbase.storage.objects;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.storage.config.StorageProperties;

/** Bytes and objects stored per project, for quotas. */
@Repository
class UsageRepository {

	/**
	 * What a project stores and may store: its own limits where a platform admin set
	 * them, else the configured ones.
	 */
	record Usage(long bytes, long objects, long maxBytes, long maxObjects, @Nullable Long ownMaxBytes,
			@Nullable Long ownMaxObjects) {

		/** How many more bytes fit, counting those of an object about to be replaced. */
		long room(long replacedBytes) {
			return this.maxBytes - this.bytes + replacedBytes;
		}

	}

	private static final String COLUMNS = """
			bytes, objects, coalesce(max_bytes, :defaultBytes) as limit_bytes,
			coalesce(max_objects, :defaultObjects) as limit_objects, max_bytes, max_objects""";

	private final JdbcClient jdbc;

	private final StorageProperties.Quota defaults;

	UsageRepository(JdbcClient jdbc, StorageProperties properties) {
		this.jdbc = jdbc;
		this.defaults = properties.quota();
	}

	Usage current(UUID projectId) {
		return select("", projectId).optional()
			.orElse(new Usage(0, 0, this.defaults.maxBytes().toBytes(), this.defaults.maxObjects(), null, null));
	}

	/**
	 * Locks the project's usage row until the transaction ends: changes of one project's
	 * objects commit one after the other, so quotas hold under concurrent uploads.
	 */
	Usage lock(UUID projectId) {
		insertIfMissing(projectId);
		return select(" for update", projectId).single();
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

	/** Sets the project's own limits; null returns to the configured default. */
	void setLimits(UUID projectId, @Nullable Long maxBytes, @Nullable Long maxObjects) {
		insertIfMissing(projectId);
		this.jdbc.sql("update project_usage set max_bytes = :bytes, max_objects = :objects where project_id = :project")
			.param("project", projectId)
			.param("bytes", maxBytes, Types.BIGINT)
			.param("objects", maxObjects, Types.BIGINT)
			.update();
	}

	private void insertIfMissing(UUID projectId) {
		this.jdbc
			.sql("insert into project_usage (project_id, bytes, objects) values (:project, 0, 0) "
					+ "on conflict do nothing")
			.param("project", projectId)
			.update();
	}

	private JdbcClient.MappedQuerySpec<Usage> select(String lock, UUID projectId) {
		return this.jdbc.sql("select " + COLUMNS + " from project_usage where project_id = :project" + lock)
			.param("project", projectId)
			.param("defaultBytes", this.defaults.maxBytes().toBytes())
			.param("defaultObjects", this.defaults.maxObjects())
			.query(UsageRepository::usage);
	}

	private static Usage usage(ResultSet rs, int row) throws SQLException {
		return new Usage(rs.getLong("bytes"), rs.getLong("objects"), rs.getLong("limit_bytes"),
				rs.getLong("limit_objects"), rs.getObject("max_bytes", Long.class),
				rs.getObject("max_objects", Long.class));
	}

}
