package dev.springbase.storage.uploads;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.jdbc.Timestamps;

@Repository
class UploadRepository {

	private static final String COLUMNS = "id, project_id, bucket, object_key, length, owner, upsert, "
			+ "cache_control, metadata, expires_at, created_at";

	private final JdbcClient jdbc;

	UploadRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(ResumableUpload upload) {
		this.jdbc
			.sql("insert into resumable_uploads (" + COLUMNS + ") values (:id, :project, :bucket, :key, "
					+ ":length, :owner, :upsert, :cacheControl, :metadata, :expires, :created)")
			.param("id", upload.id())
			.param("project", upload.projectId())
			.param("bucket", upload.bucket())
			.param("key", upload.key())
			.param("length", upload.length())
			.param("owner", upload.owner())
			.param("upsert", upload.upsert())
			.param("cacheControl", upload.cacheControl())
			.param("metadata", upload.metadata())
			.param("expires", Timestamps.toSql(upload.expiresAt()))
			.param("created", Timestamps.toSql(upload.createdAt()))
			.update();
	}

	Optional<ResumableUpload> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from resumable_uploads where id = :id")
			.param("id", id)
			.query(UploadRepository::map)
			.optional();
	}

	void extend(UUID id, Instant expiresAt) {
		this.jdbc.sql("update resumable_uploads set expires_at = :expires where id = :id")
			.param("id", id)
			.param("expires", Timestamps.toSql(expiresAt))
			.update();
	}

	void delete(UUID id) {
		this.jdbc.sql("delete from resumable_uploads where id = :id").param("id", id).update();
	}

	List<UUID> expiredBefore(Instant now, int limit) {
		return this.jdbc
			.sql("select id from resumable_uploads where expires_at < :now order by expires_at limit :limit")
			.param("now", Timestamps.toSql(now))
			.param("limit", limit)
			.query(UUID.class)
			.list();
	}

	private static ResumableUpload map(ResultSet rs, int row) throws SQLException {
		return new ResumableUpload(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
				rs.getString("bucket"), rs.getString("object_key"), rs.getLong("length"), rs.getString("owner"),
				rs.getBoolean("upsert"), rs.getString("cache_control"), rs.getString("metadata"),
				Timestamps.readRequired(rs, "expires_at"), Timestamps.readRequired(rs, "created_at"));
	}

}
