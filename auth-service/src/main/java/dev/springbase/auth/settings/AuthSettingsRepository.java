package dev.springbase.auth.settings;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.auth.config.Timestamps;

@Repository
class AuthSettingsRepository {

	private final JdbcClient jdbc;

	AuthSettingsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<AuthSettings> find(UUID projectId) {
		return this.jdbc.sql("select * from auth_settings where project_id = :projectId")
			.param("projectId", projectId)
			.query((rs, row) -> new AuthSettings(rs.getInt("password_min_length"), rs.getInt("password_min_score"),
					rs.getBoolean("email_confirmation_required"), Timestamps.read(rs, "updated_at")))
			.optional();
	}

	void save(UUID projectId, AuthSettings settings) {
		this.jdbc.sql("""
				insert into auth_settings (project_id, password_min_length, password_min_score,
				  email_confirmation_required, updated_at)
				values (:projectId, :minLength, :minScore, :confirm, :updatedAt)
				on conflict (project_id) do update set password_min_length = excluded.password_min_length,
				  password_min_score = excluded.password_min_score,
				  email_confirmation_required = excluded.email_confirmation_required,
				  updated_at = excluded.updated_at""")
			.param("projectId", projectId)
			.param("minLength", settings.passwordMinLength())
			.param("minScore", settings.passwordMinScore())
			.param("confirm", settings.emailConfirmationRequired())
			.param("updatedAt", Timestamps.toSql(settings.updatedAt()))
			.update();
	}

}
