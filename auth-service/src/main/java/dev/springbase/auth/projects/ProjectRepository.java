package dev.springbase.auth.projects;

import java.sql.Array;
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
class ProjectRepository {

	private static final String COLUMNS = "p.id, p.name, p.allowed_origins, p.created_at, p.updated_at";

	private final JdbcClient jdbc;

	ProjectRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Project project) {
		this.jdbc.sql("""
				insert into projects (id, name, allowed_origins, created_at, updated_at)
				values (:id, :name, :origins, :createdAt, :updatedAt)""")
			.param("id", project.id())
			.param("name", project.name())
			.param("origins", project.allowedOrigins().toArray(String[]::new))
			.param("createdAt", Timestamps.toSql(project.createdAt()))
			.param("updatedAt", Timestamps.toSql(project.updatedAt()))
			.update();
	}

	boolean exists(UUID id) {
		return this.jdbc.sql("select exists (select 1 from projects where id = :id)")
			.param("id", id)
			.query(Boolean.class)
			.single();
	}

	Optional<Project> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from projects p where p.id = :id")
			.param("id", id)
			.query(ProjectRepository::map)
			.optional();
	}

	/**
	 * Locks the project row until the transaction ends, so that member changes that check
	 * "is this the last owner?" run one after the other.
	 */
	Optional<Project> lock(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from projects p where p.id = :id for update")
			.param("id", id)
			.query(ProjectRepository::map)
			.optional();
	}

	List<Project> page(PageRequest page) {
		return this.jdbc.sql("""
				select %s from projects p where (cast(:after as uuid) is null or p.id > cast(:after as uuid))
				order by p.id limit :limit""".formatted(COLUMNS))
			.param("after", page.after())
			.param("limit", page.fetchSize())
			.query(ProjectRepository::map)
			.list();
	}

	List<Project> pageForMember(UUID accountId, PageRequest page) {
		return this.jdbc.sql("""
				select %s from project_members m join projects p on p.id = m.project_id
				where m.account_id = :account and (cast(:after as uuid) is null or m.project_id > cast(:after as uuid))
				order by m.project_id limit :limit""".formatted(COLUMNS))
			.param("account", accountId)
			.param("after", page.after())
			.param("limit", page.fetchSize())
			.query(ProjectRepository::map)
			.list();
	}

	void update(UUID id, String name, List<String> allowedOrigins, Instant updatedAt) {
		this.jdbc
			.sql("update projects set name = :name, allowed_origins = :origins, updated_at = :updatedAt where id = :id")
			.param("id", id)
			.param("name", name)
			.param("origins", allowedOrigins.toArray(String[]::new))
			.param("updatedAt", Timestamps.toSql(updatedAt))
			.update();
	}

	/**
	 * Deletes the project; its members and API keys go with it (foreign keys cascade).
	 */
	void delete(UUID id) {
		this.jdbc.sql("delete from projects where id = :id").param("id", id).update();
	}

	List<String> allAllowedOrigins() {
		return this.jdbc.sql("select distinct unnest(allowed_origins) as origin from projects order by origin")
			.query(String.class)
			.list();
	}

	private static Project map(ResultSet rs, int row) throws SQLException {
		Array origins = rs.getArray("allowed_origins");
		return new Project(rs.getObject("id", UUID.class), rs.getString("name"), List.of((String[]) origins.getArray()),
				Timestamps.readRequired(rs, "created_at"), Timestamps.readRequired(rs, "updated_at"));
	}

}
