package dev.springbase.functions.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.platform.web.PageRequest;

@Repository
class FunctionRepository {

	private static final String COLUMNS = """
			id, project_id, name, active_version_id, env, timeout_ms, memory_mb, max_concurrency, min_instances,
			revision, created_at, updated_at""";

	private static final String VERSION_COLUMNS = "id, function_id, number, handler, kind, jar_sha256, jar_size, created_at";

	private static final TypeReference<Map<String, String>> ENV = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	FunctionRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Creates the function unless the project has one of that name; then locks it. */
	FunctionRecord createIfMissingAndLock(FunctionRecord candidate) {
		this.jdbc.sql("""
				insert into functions (%s)
				values (:id, :project, :name, null, cast(:env as jsonb), :timeout, :memory, :concurrency, 0, 1,
				:created, :updated)
				on conflict (project_id, name) do nothing""".formatted(COLUMNS))
			.param("id", candidate.id())
			.param("project", candidate.projectId())
			.param("name", candidate.name())
			.param("env", this.json.writeValueAsString(candidate.env()))
			.param("timeout", candidate.timeout().toMillis())
			.param("memory", candidate.memoryMb())
			.param("concurrency", candidate.maxConcurrency())
			.param("created", Timestamps.toSql(candidate.createdAt()))
			.param("updated", Timestamps.toSql(candidate.updatedAt()))
			.update();
		return findForUpdate(candidate.projectId(), candidate.name()).orElseThrow();
	}

	Optional<FunctionRecord> find(UUID projectId, String name) {
		return this.jdbc.sql("select " + COLUMNS + " from functions where project_id = :project and name = :name")
			.param("project", projectId)
			.param("name", name)
			.query(this::map)
			.optional();
	}

	Optional<FunctionRecord> findForUpdate(UUID projectId, String name) {
		return this.jdbc
			.sql("select " + COLUMNS + " from functions where project_id = :project and name = :name for update")
			.param("project", projectId)
			.param("name", name)
			.query(this::map)
			.optional();
	}

	List<FunctionRecord> allOfProjectForUpdate(UUID projectId) {
		return this.jdbc.sql("select " + COLUMNS + " from functions where project_id = :project order by id for update")
			.param("project", projectId)
			.query(this::map)
			.list();
	}

	List<FunctionRecord> page(UUID projectId, PageRequest page) {
		return this.jdbc.sql("""
				select %s from functions
				where project_id = :project and (cast(:after as uuid) is null or id > cast(:after as uuid))
				order by id limit :limit""".formatted(COLUMNS))
			.param("project", projectId)
			.param("after", page.after())
			.param("limit", page.fetchSize())
			.query(this::map)
			.list();
	}

	/**
	 * Stores the settings, with a new revision when {@code newRevision} (the workers'
	 * settings changed).
	 */
	void updateSettings(FunctionRecord function, boolean newRevision) {
		this.jdbc.sql("""
				update functions set env = cast(:env as jsonb), timeout_ms = :timeout, memory_mb = :memory,
				max_concurrency = :concurrency, min_instances = :minimum,
				revision = revision + case when :bump then 1 else 0 end, updated_at = :updated
				where id = :id""")
			.param("id", function.id())
			.param("env", this.json.writeValueAsString(function.env()))
			.param("timeout", function.timeout().toMillis())
			.param("memory", function.memoryMb())
			.param("concurrency", function.maxConcurrency())
			.param("minimum", function.minInstances())
			.param("bump", newRevision)
			.param("updated", Timestamps.toSql(function.updatedAt()))
			.update();
	}

	/** Functions of every project that keep warm instances and have a version to run. */
	List<FunctionRecord> keptWarm() {
		return this.jdbc
			.sql("select " + COLUMNS + " from functions where min_instances > 0 and active_version_id is not null")
			.query(this::map)
			.list();
	}

	/** Workers started before a change of secrets or settings must not serve any more. */
	void bumpRevision(UUID functionId) {
		this.jdbc.sql("update functions set revision = revision + 1, updated_at = :now where id = :id")
			.param("id", functionId)
			.param("now", Timestamps.toSql(Timestamps.now()))
			.update();
	}

	void activate(UUID functionId, UUID versionId) {
		this.jdbc.sql("""
				update functions set active_version_id = :version, revision = revision + 1, updated_at = :now
				where id = :id""")
			.param("id", functionId)
			.param("version", versionId)
			.param("now", Timestamps.toSql(Timestamps.now()))
			.update();
	}

	void delete(UUID functionId) {
		this.jdbc.sql("delete from functions where id = :id").param("id", functionId).update();
	}

	void insertVersion(FunctionVersion version) {
		this.jdbc
			.sql("""
					insert into function_versions (%s)
					values (:id, :function, :number, :handler, :kind, :sha256, :size, :created)"""
				.formatted(VERSION_COLUMNS))
			.param("id", version.id())
			.param("function", version.functionId())
			.param("number", version.number())
			.param("handler", version.handler())
			.param("kind", version.kind())
			.param("sha256", version.jarSha256())
			.param("size", version.jarSize())
			.param("created", Timestamps.toSql(version.createdAt()))
			.update();
	}

	/** The next version number; the caller holds the function's row lock. */
	int nextVersionNumber(UUID functionId) {
		return this.jdbc.sql("select coalesce(max(number), 0) + 1 from function_versions where function_id = :id")
			.param("id", functionId)
			.query(Integer.class)
			.single();
	}

	Optional<FunctionVersion> version(UUID functionId, int number) {
		return this.jdbc
			.sql("select " + VERSION_COLUMNS + " from function_versions where function_id = :id and number = :number")
			.param("id", functionId)
			.param("number", number)
			.query(FunctionRepository::mapVersion)
			.optional();
	}

	Optional<FunctionVersion> versionById(UUID versionId) {
		return this.jdbc.sql("select " + VERSION_COLUMNS + " from function_versions where id = :id")
			.param("id", versionId)
			.query(FunctionRepository::mapVersion)
			.optional();
	}

	/** Versions newest first (ids are UUIDv7, so they sort like numbers). */
	List<FunctionVersion> versions(UUID functionId, PageRequest page) {
		return this.jdbc.sql("""
				select %s from function_versions
				where function_id = :id and (cast(:after as uuid) is null or id < cast(:after as uuid))
				order by id desc limit :limit""".formatted(VERSION_COLUMNS))
			.param("id", functionId)
			.param("after", page.after())
			.param("limit", page.fetchSize())
			.query(FunctionRepository::mapVersion)
			.list();
	}

	List<UUID> versionIds(UUID functionId) {
		return this.jdbc.sql("select id from function_versions where function_id = :id")
			.param("id", functionId)
			.query(UUID.class)
			.list();
	}

	private FunctionRecord map(ResultSet rs, int row) throws SQLException {
		return new FunctionRecord(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
				rs.getString("name"), rs.getObject("active_version_id", UUID.class),
				this.json.readValue(rs.getString("env"), ENV), Duration.ofMillis(rs.getLong("timeout_ms")),
				rs.getInt("memory_mb"), rs.getInt("max_concurrency"), rs.getInt("min_instances"),
				rs.getLong("revision"), Timestamps.readRequired(rs, "created_at"),
				Timestamps.readRequired(rs, "updated_at"));
	}

	private static FunctionVersion mapVersion(ResultSet rs, int row) throws SQLException {
		return new FunctionVersion(rs.getObject("id", UUID.class), rs.getObject("function_id", UUID.class),
				rs.getInt("number"), rs.getString("handler"), rs.getString("kind"), rs.getString("jar_sha256"),
				rs.getLong("jar_size"), Timestamps.readRequired(rs, "created_at"));
	}

}
