package dev.springbase.auth.users;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.springbase.auth.sessions.SessionUser;

/**
 * An end user of a project. The password hash never leaves this package.
 *
 * @param userMetadata data the user edits (profile)
 * @param appMetadata data only admins edit; it reaches access tokens as claims
 */
record User(UUID id, UUID projectId, @Nullable String email, @Nullable String passwordHash, boolean anonymous,
		@Nullable Instant emailConfirmedAt, Map<String, Object> userMetadata, Map<String, Object> appMetadata,
		@Nullable Instant bannedUntil, @Nullable Instant lastSignInAt, Instant createdAt,
		Instant updatedAt) implements SessionUser {

	User withLastSignInAt(Instant when) {
		return new User(this.id, this.projectId, this.email, this.passwordHash, this.anonymous, this.emailConfirmedAt,
				this.userMetadata, this.appMetadata, this.bannedUntil, when, this.createdAt, this.updatedAt);
	}

}
