package dev.springbase.auth.users;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An end user as clients and admins see it. */
record UserView(UUID id, @Nullable String email, boolean anonymous, @Nullable Instant emailConfirmedAt,
		Map<String, Object> userMetadata, Map<String, Object> appMetadata, @Nullable Instant bannedUntil,
		@Nullable Instant lastSignInAt, Instant createdAt, Instant updatedAt) {

	static UserView of(User user) {
		return new UserView(user.id(), user.email(), user.anonymous(), user.emailConfirmedAt(), user.userMetadata(),
				user.appMetadata(), user.bannedUntil(), user.lastSignInAt(), user.createdAt(), user.updatedAt());
	}

}
