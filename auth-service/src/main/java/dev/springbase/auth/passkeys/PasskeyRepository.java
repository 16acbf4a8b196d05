package dev.springbase.auth.passkeys;

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

@Repository
class PasskeyRepository {

	private final JdbcClient jdbc;

	PasskeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insertChallenge(UUID id, UUID projectId, @Nullable UUID userId, byte[] challenge, Instant expiresAt) {
		this.jdbc.sql("""
				insert into webauthn_challenges (id, project_id, user_id, challenge, expires_at)
				values (:id, :projectId, :userId, :challenge, :expiresAt)""")
			.param("id", id)
			.param("projectId", projectId)
			.param("userId", userId)
			.param("challenge", challenge)
			.param("expiresAt", Timestamps.toSql(expiresAt))
			.update();
	}

	/**
	 * Uses the challenge up, if it is the project's (and user's), unused and unexpired.
	 */
	Optional<byte[]> takeChallenge(UUID id, UUID projectId, @Nullable UUID userId, Instant now) {
		return this.jdbc.sql("""
				update webauthn_challenges set used_at = :now
				where id = :id and project_id = :projectId and used_at is null and expires_at > :now
				  and user_id is not distinct from cast(:userId as uuid)
				returning challenge""")
			.param("id", id)
			.param("projectId", projectId)
			.param("userId", userId)
			.param("now", Timestamps.toSql(now))
			.query(byte[].class)
			.optional();
	}

	void insert(Passkey passkey) {
		this.jdbc.sql("""
				insert into passkeys (id, project_id, user_id, credential_id, name, attested_credential_data,
				  sign_count, created_at)
				values (:id, :projectId, :userId, :credentialId, :name, :data, :signCount, :createdAt)""")
			.param("id", passkey.id())
			.param("projectId", passkey.projectId())
			.param("userId", passkey.userId())
			.param("credentialId", passkey.credentialId())
			.param("name", passkey.name())
			.param("data", passkey.attestedCredentialData())
			.param("signCount", passkey.signCount())
			.param("createdAt", Timestamps.toSql(passkey.createdAt()))
			.update();
	}

	Optional<Passkey> findByCredential(UUID projectId, byte[] credentialId) {
		return this.jdbc.sql("select * from passkeys where project_id = :projectId and credential_id = :credentialId")
			.param("projectId", projectId)
			.param("credentialId", credentialId)
			.query(PasskeyRepository::map)
			.optional();
	}

	List<Passkey> list(UUID userId) {
		return this.jdbc.sql("select * from passkeys where user_id = :userId order by id")
			.param("userId", userId)
			.query(PasskeyRepository::map)
			.list();
	}

	void recordUse(UUID id, long signCount, Instant when) {
		this.jdbc.sql("update passkeys set sign_count = :signCount, last_used_at = :when where id = :id")
			.param("id", id)
			.param("signCount", signCount)
			.param("when", Timestamps.toSql(when))
			.update();
	}

	boolean rename(UUID userId, UUID id, String name) {
		return this.jdbc.sql("update passkeys set name = :name where user_id = :userId and id = :id")
			.param("userId", userId)
			.param("id", id)
			.param("name", name)
			.update() == 1;
	}

	boolean delete(UUID userId, UUID id) {
		return this.jdbc.sql("delete from passkeys where user_id = :userId and id = :id")
			.param("userId", userId)
			.param("id", id)
			.update() == 1;
	}

	private static Passkey map(ResultSet rs, int row) throws SQLException {
		return new Passkey(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
				rs.getObject("user_id", UUID.class), rs.getBytes("credential_id"), rs.getString("name"),
				rs.getBytes("attested_credential_data"), rs.getLong("sign_count"),
				Timestamps.readRequired(rs, "created_at"), Timestamps.read(rs, "last_used_at"));
	}

}
