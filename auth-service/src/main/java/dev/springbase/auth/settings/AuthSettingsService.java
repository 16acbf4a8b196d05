package dev.springbase.auth.settings;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.auth.projects.ProjectAccess;
import dev.springbase.auth.settings.AuthSettings.MailTemplate;
import dev.springbase.platform.security.Caller;

@Service
public class AuthSettingsService {

	private final AuthSettingsRepository settings;

	private final ProjectAccess access;

	AuthSettingsService(AuthSettingsRepository settings, ProjectAccess access) {
		this.settings = settings;
		this.access = access;
	}

	/** The project's settings, or the defaults while none were saved. */
	@Transactional(readOnly = true)
	public AuthSettings of(UUID projectId) {
		return this.settings.find(projectId).orElse(AuthSettings.DEFAULTS);
	}

	@Transactional(readOnly = true)
	AuthSettings get(Caller caller, @Nullable UUID projectId) {
		return of(this.access.requireUserAdmin(caller, projectId));
	}

	@Transactional
	AuthSettings update(Caller caller, @Nullable UUID projectId, SettingsChange change) {
		UUID target = this.access.requireUserAdmin(caller, projectId);
		AuthSettings current = of(target);
		AuthSettings updated = new AuthSettings(
				Objects.requireNonNullElse(change.passwordMinLength(), current.passwordMinLength()),
				Objects.requireNonNullElse(change.passwordMinScore(), current.passwordMinScore()),
				Objects.requireNonNullElse(change.emailConfirmationRequired(), current.emailConfirmationRequired()),
				Objects.requireNonNullElse(change.secureEmailChange(), current.secureEmailChange()),
				(change.mailSender() != null) ? change.mailSender() : current.mailSender(),
				(change.siteUrl() != null) ? change.siteUrl() : current.siteUrl(),
				Objects.requireNonNullElse(change.mailTemplates(), current.mailTemplates()),
				Objects.requireNonNullElse(change.mfaRequired(), current.mfaRequired()), Timestamps.now());
		this.settings.save(target, updated);
		return updated;
	}

	/** A partial update: absent fields keep their value. */
	record SettingsChange(@Nullable Integer passwordMinLength, @Nullable Integer passwordMinScore,
			@Nullable Boolean emailConfirmationRequired, @Nullable Boolean secureEmailChange,
			@Nullable String mailSender, @Nullable String siteUrl, @Nullable Map<String, MailTemplate> mailTemplates,
			@Nullable Boolean mfaRequired) {

	}

}
