package dev.springbase.auth.mfa;

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
class MfaRepository {

	private final JdbcClient jdbc;

	MfaRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Factor factor) {
		this.jdbc.sql("""
				insert into mfa_factors (id, project_id, user_id, friendly_name, secret_ciphertext, created_at)
				values (:id, :projectId, :userId, :friendlyName, :secret, :createdAt)""")
			.param("id", factor.id())
			.param("projectId", factor.projectId())
			.param("userId", factor.userId())
			.param("friendlyName", factor.friendlyName())
			.param("secret", factor.secretCiphertext())
			.param("createdAt", Timestamps.toSql(factor.createdAt()))
			.update();
	}

	/** Locks the factor, so two requests with codes cannot both use one step. */
	Optional<Factor> findForUpdate(UUID userId, UUID id) {
		return this.jdbc.sql("select * from mfa_factors where user_id = :userId and id = :id for update")
			.param("userId", userId)
			.param("id", id)
			.query(MfaRepository::map)
			.optional();
	}

	List<Factor> list(UUID userId) {
		return this.jdbc.sql("select * from mfa_factors where user_id = :userId order by id")
			.param("userId", userId)
			.query(MfaRepository::map)
			.list();
	}

	void markUsed(UUID id, long step, Instant when) {
		this.jdbc.sql("""
				update mfa_factors set last_used_step = :step, verified_at = coalesce(verified_at, :when)
				where id = :id""").param("id", id).param("step", step).param("when", Timestamps.toSql(when)).update();
	}

	boolean delete(UUID userId, UUID id) {
		return this.jdbc.sql("delete from mfa_factors where user_id = :userId and id = :id")
			.param("userId", userId)
			.param("id", id)
			.update() == 1;
	}

	void replaceRecoveryCodes(UUID userId, List<byte[]> hashes) {
		this.jdbc.sql("delete from mfa_recovery_codes where user_id = :userId").param("userId", userId).update();
		for (byte[] hash : hashes) {
			this.jdbc.sql("insert into mfa_recovery_codes (user_id, code_hash) values (:userId, :hash)")
				.param("userId", userId)
				.param("hash", hash)
				.update();
		}
	}

	/** Uses a recovery code up; false when it is unknown or spent. */
	boolean useRecoveryCode(UUID userId, byte[] hash, Instant when) {
		return this.jdbc.sql("""
				update mfa_recovery_codes set used_at = :when
				where user_id = :userId and code_hash = :hash and used_at is null""")
			.param("userId", userId)
			.param("hash", hash)
			.param("when", Timestamps.toSql(when))
			.update() == 1;
	}

	private static Factor map(ResultSet rs, int row) throws SQLException {
		long lastUsedStep = rs.getLong("last_used_step");
		boolean neverUsed = rs.wasNull();
		return new Factor(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
				rs.getObject("user_id", UUID.class), rs.getString("friendly_name"), rs.getBytes("secret_ciphertext"),
				Timestamps.read(rs, "verified_at"), neverUsed ? -1 : lastUsedStep,
				Timestamps.readRequired(rs, "created_at"));
	}

}
