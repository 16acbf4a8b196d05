package dev.springbase.auth.users;

import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.jdbc.Timestamps;

/** Links between provider accounts and users. */
@Repository
class IdentityRepository {

	private final JdbcClient jdbc;

	IdentityRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<UUID> findUser(UUID providerId, String subject) {
		return this.jdbc
			.sql("select user_id from user_identities where provider_id = :providerId and subject = :subject")
			.param("providerId", providerId)
			.param("subject", subject)
			.query(UUID.class)
			.optional();
	}

	void link(UUID providerId, String subject, UUID userId, @Nullable String email) {
		this.jdbc.sql("""
				insert into user_identities (provider_id, subject, user_id, email, created_at)
				values (:providerId, :subject, :userId, :email, :createdAt)""")
			.param("providerId", providerId)
			.param("subject", subject)
			.param("userId", userId)
			.param("email", email)
			.param("createdAt", Timestamps.toSql(Timestamps.now()))
			.update();
	}

}
