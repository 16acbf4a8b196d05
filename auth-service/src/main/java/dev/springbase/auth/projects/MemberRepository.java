package dev.springbase.auth.projects;

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
class MemberRepository {

	private static final String SELECT = """
			select m.account_id, a.email, m.role, m.created_at
			from project_members m join accounts a on a.id = m.account_id""";

	private final JdbcClient jdbc;

	MemberRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds the member; false when the account is a member already. */
	boolean insert(UUID projectId, UUID accountId, ProjectRole role, Instant at) {
		return this.jdbc.sql("""
				insert into project_members (project_id, account_id, role, created_at)
				values (:project, :account, :role, :at) on conflict do nothing""")
			.param("project", projectId)
			.param("account", accountId)
			.param("role", role.value())
			.param("at", Timestamps.toSql(at))
			.update() == 1;
	}

	Optional<ProjectRole> findRole(UUID projectId, UUID accountId) {
		return this.jdbc.sql("select role from project_members where project_id = :project and account_id = :account")
			.param("project", projectId)
			.param("account", accountId)
			.query((rs, row) -> ProjectRole.of(rs.getString("role")))
			.optional();
	}

	Optional<Member> find(UUID projectId, UUID accountId) {
		return this.jdbc.sql(SELECT + " where m.project_id = :project and m.account_id = :account")
			.param("project", projectId)
			.param("account", accountId)
			.query(MemberRepository::map)
			.optional();
	}

	List<Member> page(UUID projectId, PageRequest page) {
		return this.jdbc.sql("""
				%s
				where m.project_id = :project and (cast(:after as uuid) is null or m.account_id > cast(:after as uuid))
				order by m.account_id limit :limit""".formatted(SELECT))
			.param("project", projectId)
			.param("after", page.after())
			.param("limit", page.fetchSize())
			.query(MemberRepository::map)
			.list();
	}

	int countOwners(UUID projectId) {
		return this.jdbc.sql("select count(*) from project_members where project_id = :project and role = 'owner'")
			.param("project", projectId)
			.query(Integer.class)
			.single();
	}

	void updateRole(UUID projectId, UUID accountId, ProjectRole role) {
		this.jdbc.sql("update project_members set role = :role where project_id = :project and account_id = :account")
			.param("project", projectId)
			.param("account", accountId)
			.param("role", role.value())
			.update();
	}

	void delete(UUID projectId, UUID accountId) {
		this.jdbc.sql("delete from project_members where project_id = :project and account_id = :account")
			.param("project", projectId)
			.param("account", accountId)
			.update();
	}

	private static Member map(ResultSet rs, int row) throws SQLException {
		return new Member(rs.getObject("account_id", UUID.class), rs.getString("email"),
				ProjectRole.of(rs.getString("role")), Timestamps.readRequired(rs, "created_at"));
	}

}
