package dev.springbase.auth.settings;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.springbase.auth.config.AuthProperties;
import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.auth.projects.ProjectAccess;
import dev.springbase.auth.settings.AuthSettings.MailTemplate;
import dev.springbase.platform.security.Caller;

/**
 * Projects' auth settings. Sign-in and sign-up read them on every attempt, so each
 * instance keeps what it read for a short while ({@code springbase.auth.settings}).
 */
@Service
public class AuthSettingsService {

	private final AuthSettingsRepository settings;

	private final ProjectAccess access;

	private final Cache<UUID, AuthSettings> cached;

	AuthSettingsService(AuthSettingsRepository settings, ProjectAccess access, AuthProperties properties) {
		this.settings = settings;
		this.access = access;
		this.cached = Caffeine.newBuilder()
			.expireAfterWrite(properties.settings().refreshInterval())
			.maximumSize(10_000)
			.build();
	}

	/** The project's settings, or the defaults while none were saved. */
	public AuthSettings of(UUID projectId) {
		return this.cached.get(projectId, this::read);
	}

	private AuthSettings read(UUID projectId) {
		return this.settings.find(projectId).orElse(AuthSettings.DEFAULTS);
	}

	@Transactional(readOnly = true)
	AuthSettings get(Caller caller, @Nullable UUID projectId) {
		return read(this.access.requireUserAdmin(caller, projectId));
	}

	@Transactional
	AuthSettings update(Caller caller, @Nullable UUID projectId, SettingsChange change) {
		UUID target = this.access.requireUserAdmin(caller, projectId);
		// From the database, not the cache: what is not changed is written back as it is.
		AuthSettings current = read(target);
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
		forgetAfterCommit(target);
		return updated;
	}

	/**
	 * Forgets the cached settings once the change is committed, so that no read made
	 * before the commit is kept afterwards.
	 */
	private void forgetAfterCommit(UUID projectId) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				AuthSettingsService.this.cached.invalidate(projectId);
			}

		});
	}

	/** A partial update: absent fields keep their value. */
	record SettingsChange(@Nullable Integer passwordMinLength, @Nullable Integer passwordMinScore,
			@Nullable Boolean emailConfirmationRequired, @Nullable Boolean secureEmailChange,
			@Nullable String mailSender, @Nullable String siteUrl, @Nullable Map<String, MailTemplate> mailTemplates,
			@Nullable Boolean mfaRequired) {

	}

}
