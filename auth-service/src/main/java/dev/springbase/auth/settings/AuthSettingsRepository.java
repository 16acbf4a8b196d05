package dev.springbase.auth.settings;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.auth.settings.AuthSettings.MailTemplate;

@Repository
class AuthSettingsRepository {

	private static final TypeReference<Map<String, MailTemplate>> TEMPLATES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AuthSettingsRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Optional<AuthSettings> find(UUID projectId) {
		return this.jdbc.sql("select * from auth_settings where project_id = :projectId")
			.param("projectId", projectId)
			.query((rs, row) -> new AuthSettings(rs.getInt("password_min_length"), rs.getInt("password_min_score"),
					rs.getBoolean("email_confirmation_required"), rs.getBoolean("secure_email_change"),
					rs.getString("mail_sender"), rs.getString("site_url"),
					this.json.readValue(rs.getString("mail_templates"), TEMPLATES), rs.getBoolean("mfa_required"),
					Timestamps.read(rs, "updated_at")))
			.optional();
	}

	void save(UUID projectId, AuthSettings settings) {
		this.jdbc.sql("""
				insert into auth_settings (project_id, password_min_length, password_min_score,
				  email_confirmation_required, secure_email_change, mail_sender, site_url, mail_templates,
				  mfa_required, updated_at)
				values (:projectId, :minLength, :minScore, :confirm, :secureEmailChange, :sender, :siteUrl,
				  cast(:templates as jsonb), :mfaRequired, :updatedAt)
				on conflict (project_id) do update set password_min_length = excluded.password_min_length,
				  password_min_score = excluded.password_min_score,
				  email_confirmation_required = excluded.email_confirmation_required,
				  secure_email_change = excluded.secure_email_change,
				  mail_sender = excluded.mail_sender, site_url = excluded.site_url,
				  mail_templates = excluded.mail_templates, mfa_required = excluded.mfa_required,
				  updated_at = excluded.updated_at""")
			.param("projectId", projectId)
			.param("minLength", settings.passwordMinLength())
			.param("minScore", settings.passwordMinScore())
			.param("confirm", settings.emailConfirmationRequired())
			.param("secureEmailChange", settings.secureEmailChange())
			.param("sender", settings.mailSender())
			.param("siteUrl", settings.siteUrl())
			.param("templates", this.json.writeValueAsString(settings.mailTemplates()))
			.param("mfaRequired", settings.mfaRequired())
			.param("updatedAt", Timestamps.toSql(settings.updatedAt()))
			.update();
	}

}
