package dev.springbase.auth.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.auth.users.OneTimeToken.EmailChange;
import dev.springbase.platform.jdbc.Timestamps;

@Repository
class OneTimeTokenRepository {

	private final JdbcClient jdbc;

	OneTimeTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Live tokens of the user for the purposes stop working. */
	void invalidate(UUID userId, Set<Purpose> purposes, Instant when) {
		this.jdbc.sql("""
				update one_time_tokens set used_at = :when
				where user_id = :userId and purpose in (:purposes) and used_at is null""")
			.param("userId", userId)
			.param("purposes", values(purposes))
			.param("when", Timestamps.toSql(when))
			.update();
	}

	void insert(OneTimeToken token) {
		EmailChange change = token.emailChange();
		this.jdbc.sql("""
				insert into one_time_tokens (id, project_id, user_id, purpose, email, token_hash, code_hash,
				  created_at, expires_at, email_change_id, email_change_from, email_change_to)
				values (:id, :projectId, :userId, :purpose, :email, :tokenHash, :codeHash, :createdAt, :expiresAt,
				  :changeId, :changeFrom, :changeTo)""")
			.param("id", token.id())
			.param("projectId", token.projectId())
			.param("userId", token.userId())
			.param("purpose", token.purpose().value())
			.param("email", token.email())
			.param("tokenHash", token.tokenHash())
			.param("codeHash", token.codeHash())
			.param("createdAt", Timestamps.toSql(token.createdAt()))
			.param("expiresAt", Timestamps.toSql(token.expiresAt()))
			.param("changeId", (change != null) ? change.id() : null)
			.param("changeFrom", (change != null) ? change.from() : null)
			.param("changeTo", (change != null) ? change.to() : null)
			.update();
	}

	Optional<OneTimeToken> findByTokenHash(UUID projectId, byte[] tokenHash) {
		return this.jdbc.sql("select * from one_time_tokens where token_hash = :hash and project_id = :projectId")
			.param("hash", tokenHash)
			.param("projectId", projectId)
			.query(OneTimeTokenRepository::map)
			.optional();
	}

	/** Unused tokens sent to the address for the purposes, expired ones included. */
	List<OneTimeToken> findUnused(UUID projectId, String email, Set<Purpose> purposes) {
		return this.jdbc.sql("""
				select * from one_time_tokens
				where project_id = :projectId and email = :email and purpose in (:purposes) and used_at is null""")
			.param("projectId", projectId)
			.param("email", email)
			.param("purposes", values(purposes))
			.query(OneTimeTokenRepository::map)
			.list();
	}

	/**
	 * Every token of an email change, locked in one order until the transaction ends, so
	 * that of two halves redeemed at once the second sees the first.
	 */
	List<OneTimeToken> lockEmailChange(UUID changeId) {
		return this.jdbc.sql("select * from one_time_tokens where email_change_id = :changeId order by id for update")
			.param("changeId", changeId)
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

	private static List<String> values(Set<Purpose> purposes) {
		return purposes.stream().map(Purpose::value).toList();
	}

	private static OneTimeToken map(ResultSet rs, int row) throws SQLException {
		UUID changeId = rs.getObject("email_change_id", UUID.class);
		EmailChange change = (changeId != null)
				? new EmailChange(changeId, rs.getString("email_change_from"), rs.getString("email_change_to")) : null;
		return new OneTimeToken(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
				rs.getObject("user_id", UUID.class), Purpose.of(rs.getString("purpose")), rs.getString("email"),
				rs.getBytes("token_hash"), rs.getBytes("code_hash"), Timestamps.readRequired(rs, "created_at"),
				Timestamps.readRequired(rs, "expires_at"), Timestamps.read(rs, "used_at"), change);
	}

}
