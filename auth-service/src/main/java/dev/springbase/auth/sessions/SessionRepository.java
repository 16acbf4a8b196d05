package dev.springbase.auth.sessions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.platform.web.PageRequest;

@Repository
class SessionRepository {

	private final JdbcClient jdbc;

	SessionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Session session) {
		this.jdbc.sql("""
				insert into sessions (id, project_id, user_id, aal, user_agent, ip_address, created_at, refreshed_at)
				values (:id, :projectId, :userId, :aal, :userAgent, :ipAddress, :createdAt, :createdAt)""")
			.param("id", session.id())
			.param("projectId", session.projectId())
			.param("userId", session.userId())
			.param("aal", session.aal())
			.param("userAgent", session.userAgent())
			.param("ipAddress", session.ipAddress())
			.param("createdAt", Timestamps.toSql(session.createdAt()))
			.update();
	}

	Optional<Session> find(UUID id) {
		return this.jdbc.sql("select * from sessions where id = :id")
			.param("id", id)
			.query(SessionRepository::map)
			.optional();
	}

	/** Live sessions of a user, oldest first. */
	List<Session> pageLive(UUID userId, Instant activeSince, PageRequest page) {
		return this.jdbc.sql("""
				select * from sessions where user_id = :userId and revoked_at is null and refreshed_at > :activeSince
				  and (cast(:after as uuid) is null or id > cast(:after as uuid))
				order by id limit :limit""")
			.param("userId", userId)
			.param("activeSince", Timestamps.toSql(activeSince))
			.param("after", page.after())
			.param("limit", page.fetchSize())
			.query(SessionRepository::map)
			.list();
	}

	void touch(UUID id, Instant when) {
		this.jdbc.sql("update sessions set refreshed_at = :when where id = :id")
			.param("id", id)
			.param("when", Timestamps.toSql(when))
			.update();
	}

	int revoke(UUID id, Instant when, String reason) {
		return this.jdbc.sql(
				"update sessions set revoked_at = :when, revoked_reason = :reason where id = :id and revoked_at is null")
			.param("id", id)
			.param("when", Timestamps.toSql(when))
			.param("reason", reason)
			.update();
	}

	/** Revokes every live session of the user but {@code keep}. */
	int revokeAll(UUID userId, @Nullable UUID keep, Instant when, String reason) {
		return this.jdbc
			.sql("""
					update sessions set revoked_at = :when, revoked_reason = :reason
					where user_id = :userId and revoked_at is null and (cast(:keep as uuid) is null or id <> cast(:keep as uuid))""")
			.param("userId", userId)
			.param("keep", keep)
			.param("when", Timestamps.toSql(when))
			.param("reason", reason)
			.update();
	}

	void raiseAal(UUID id, String aal) {
		this.jdbc.sql("update sessions set aal = :aal where id = :id").param("id", id).param("aal", aal).update();
	}

	/** Retires the session's live refresh token, as a rotation would. */
	void retireLiveToken(UUID sessionId, Instant when) {
		this.jdbc
			.sql("update refresh_tokens set rotated_at = :when where session_id = :sessionId and rotated_at is null")
			.param("sessionId", sessionId)
			.param("when", Timestamps.toSql(when))
			.update();
	}

	void insertToken(byte[] hash, UUID sessionId, Instant when) {
		this.jdbc
			.sql("insert into refresh_tokens (token_hash, session_id, created_at) values (:hash, :sessionId, :when)")
			.param("hash", hash)
			.param("sessionId", sessionId)
			.param("when", Timestamps.toSql(when))
			.update();
	}

	/**
	 * Marks the token used, when it is its session's live one. Of two requests racing
	 * with the same token, the row lock lets exactly one through.
	 */
	Optional<UUID> rotate(byte[] hash, Instant when) {
		return this.jdbc.sql("""
				update refresh_tokens set rotated_at = :when where token_hash = :hash and rotated_at is null
				returning session_id""")
			.param("hash", hash)
			.param("when", Timestamps.toSql(when))
			.query(UUID.class)
			.optional();
	}

	Optional<UsedToken> findToken(byte[] hash) {
		return this.jdbc
			.sql("""
					select t.session_id, s.project_id, t.rotated_at,
					  t.rotated_at = (select max(rotated_at) from refresh_tokens o where o.session_id = t.session_id) as latest
					from refresh_tokens t join sessions s on s.id = t.session_id where t.token_hash = :hash""")
			.param("hash", hash)
			.query((rs, row) -> new UsedToken(rs.getObject("session_id", UUID.class),
					rs.getObject("project_id", UUID.class), Timestamps.read(rs, "rotated_at"), rs.getBoolean("latest")))
			.optional();
	}

	private static Session map(ResultSet rs, int row) throws SQLException {
		return new Session(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
				rs.getObject("user_id", UUID.class), rs.getString("aal"), rs.getString("user_agent"),
				rs.getString("ip_address"), Timestamps.readRequired(rs, "created_at"),
				Timestamps.readRequired(rs, "refreshed_at"), Timestamps.read(rs, "revoked_at"));
	}

	/**
	 * A refresh token found by hash.
	 *
	 * @param sessionId its session
	 * @param projectId the session's project
	 * @param rotatedAt when it was used, absent while it is the live one
	 * @param latest whether it is the token its session rotated away from last
	 */
	record UsedToken(UUID sessionId, UUID projectId, @Nullable Instant rotatedAt, boolean latest) {

	}

}
