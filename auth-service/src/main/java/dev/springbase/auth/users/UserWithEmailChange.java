package dev.springbase.auth.users;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.springbase.auth.sessions.SessionUser;

/**
 * A user with the email change it has pending, read together where one read has to serve
 * both a session and the answer that shows the user.
 *
 * @param pendingEmailChange null when the user has none
 */
record UserWithEmailChange(User user, @Nullable PendingEmailChange pendingEmailChange) implements SessionUser {

	/** The user as answers and events show it. */
	UserView view() {
		return UserView.of(this.user, this.pendingEmailChange);
	}

	UserWithEmailChange withLastSignInAt(Instant when) {
		return new UserWithEmailChange(this.user.withLastSignInAt(when), this.pendingEmailChange);
	}

	@Override
	public UUID id() {
		return this.user.id();
	}

	@Override
	public UUID projectId() {
		return this.user.projectId();
	}

	@Override
	public @Nullable String email() {
		return this.user.email();
	}

	@Override
	public boolean anonymous() {
		return this.user.anonymous();
	}

	@Override
	public Map<String, Object> appMetadata() {
		return this.user.appMetadata();
	}

	@Override
	public @Nullable Instant bannedUntil() {
		return this.user.bannedUntil();
	}

}
