package dev.springbase.auth.apikeys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.platform.web.PageRequest;

@Repository
class ApiKeyRepository {

	private static final String COLUMNS = "k.id, k.project_id, k.name, k.type, k.prefix, k.created_at, k.last_used_at, k.revoked_at";

	private final JdbcClient jdbc;

	ApiKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(ApiKey key, byte[] keyHash) {
		this.jdbc.sql("""
				insert into api_keys (id, project_id, name, type, prefix, key_hash, created_at)
				values (:id, :project, :name, :type, :prefix, :hash, :createdAt)""")
			.param("id", key.id())
			.param("project", key.projectId())
			.param("name", key.name())
			.param("type", key.type().value())
			.param("prefix", key.prefix())
			.param("hash", keyHash)
			.param("createdAt", Timestamps.toSql(key.createdAt()))
			.update();
	}

	List<ApiKey> page(UUID projectId, PageRequest page) {
		return this.jdbc.sql("""
				select %s from api_keys k
				where k.project_id = :project and (cast(:after as uuid) is null or k.id > cast(:after as uuid))
				order by k.id limit :limit""".formatted(COLUMNS))
			.param("project", projectId)
			.param("after", page.after())
			.param("limit", page.fetchSize())
			.query(ApiKeyRepository::map)
			.list();
	}

	Optional<ApiKey> find(UUID projectId, UUID keyId) {
		return this.jdbc.sql("select " + COLUMNS + " from api_keys k where k.project_id = :project and k.id = :id")
			.param("project", projectId)
			.param("id", keyId)
			.query(ApiKeyRepository::map)
			.optional();
	}

	/** Revokes the key unless it is revoked already (the first revocation time stays). */
	void revoke(UUID keyId, Instant at) {
		this.jdbc.sql("update api_keys set revoked_at = :at where id = :id and revoked_at is null")
			.param("id", keyId)
			.param("at", Timestamps.toSql(at))
			.update();
	}

	/** The live key with this hash and its project's allowed origins. */
	Optional<ResolvedKey> findLiveByHash(byte[] keyHash) {
		return this.jdbc.sql("""
				select %s, p.allowed_origins from api_keys k join projects p on p.id = k.project_id
				where k.key_hash = :hash and k.revoked_at is null""".formatted(COLUMNS))
			.param("hash", keyHash)
			.query((rs, row) -> new ResolvedKey(map(rs, row),
					List.of((String[]) rs.getArray("allowed_origins").getArray())))
			.optional();
	}

	/**
	 * Records use unless another request recorded it since {@code staleBefore}:
	 * concurrent requests of one key write at most once per interval.
	 */
	void touch(UUID keyId, Instant at, Instant staleBefore) {
		this.jdbc.sql("""
				update api_keys set last_used_at = :at
				where id = :id and (last_used_at is null or last_used_at < :staleBefore)""")
			.param("id", keyId)
			.param("at", Timestamps.toSql(at))
			.param("staleBefore", Timestamps.toSql(staleBefore))
			.update();
	}

	private static ApiKey map(ResultSet rs, int row) throws SQLException {
		return new ApiKey(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class), rs.getString("name"),
				ApiKeyType.of(rs.getString("type")), rs.getString("prefix"), Timestamps.readRequired(rs, "created_at"),
				Timestamps.read(rs, "last_used_at"), Timestamps.read(rs, "revoked_at"));
	}

	record ResolvedKey(ApiKey key, List<String> allowedOrigins) {

	}

}
