package dev.springbase.auth.users;

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
class OneTimeTokenRepository {

	private final JdbcClient jdbc;

	OneTimeTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts a token; earlier live ones of the user for the same purpose stop working.
	 */
	void replace(OneTimeToken token) {
		this.jdbc.sql("""
				update one_time_tokens set used_at = :now
				where user_id = :userId and purpose = :purpose and used_at is null""")
			.param("userId", token.userId())
			.param("purpose", token.purpose().value())
			.param("now", Timestamps.toSql(token.createdAt()))
			.update();
		this.jdbc.sql("""
				insert into one_time_tokens (id, project_id, user_id, purpose, email, token_hash, code_hash,
				  created_at, expires_at)
				values (:id, :projectId, :userId, :purpose, :email, :tokenHash, :codeHash, :createdAt, :expiresAt)""")
			.param("id", token.id())
			.param("projectId", token.projectId())
			.param("userId", token.userId())
			.param("purpose", token.purpose().value())
			.param("email", token.email())
			.param("tokenHash", token.tokenHash())
			.param("codeHash", token.codeHash())
			.param("createdAt", Timestamps.toSql(token.createdAt()))
			.param("expiresAt", Timestamps.toSql(token.expiresAt()))
			.update();
	}

	Optional<OneTimeToken> findByTokenHash(UUID projectId, byte[] tokenHash) {
		return this.jdbc.sql("select * from one_time_tokens where token_hash = :hash and project_id = :projectId")
			.param("hash", tokenHash)
			.param("projectId", projectId)
			.query(OneTimeTokenRepository::map)
			.optional();
	}

	/** Unused tokens sent to the address for the purpose, expired ones included. */
	List<OneTimeToken> findUnused(UUID projectId, String email, Purpose purpose) {
		return this.jdbc.sql("""
				select * from one_time_tokens
				where project_id = :projectId and email = :email and purpose = :purpose and used_at is null""")
			.param("projectId", projectId)
			.param("email", email)
			.param("purpose", purpose.value())
			.query(OneTimeTokenRepository::map)
			.list();
	}

	/** Uses the token up; false when another request used it first. */
	boolean markUsed(UUID id, Instant when) {
		return this.jdbc.sql("update one_time_tokens set used_at = :when where id = :id and used_at is null")
			.param("id", id)
			.param("when", Timestamps.toSql(when))
			.update() == 1;
	}

	private static OneTimeToken map(ResultSet rs, int row) throws SQLException {
		return new OneTimeToken(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
				rs.getObject("user_id", UUID.class), Purpose.of(rs.getString("purpose")), rs.getString("email"),
				rs.getBytes("token_hash"), rs.getBytes("code_hash"), Timestamps.readRequired(rs, "created_at"),
				Timestamps.readRequired(rs, "expires_at"), Timestamps.read(rs, "used_at"));
	}

}
