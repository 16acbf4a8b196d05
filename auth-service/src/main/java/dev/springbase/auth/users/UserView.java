package dev.springbase.auth.users;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An end user as clients and admins see it, with the email change it has pending, as
 * GoTrue shows {@code new_email} and {@code email_change_sent_at}.
 */
record UserView(UUID id, @Nullable String email, boolean anonymous, @Nullable Instant emailConfirmedAt,
		@Schema(description = "While an email change waits for confirmation: the address it changes to; "
				+ "null otherwise.") @Nullable String newEmail,
		@Schema(description = "While an email change waits for confirmation: when it was asked for and its "
				+ "mails went out; null otherwise.") @Nullable Instant emailChangeSentAt,
		@ArraySchema(arraySchema = @Schema(description = "While an email change waits for confirmation: the "
				+ "addresses whose mailed link or code is still to be redeemed, `current` (a secure email change "
				+ "asks the current address too) and `new`; null otherwise. The change applies once the last "
				+ "one is redeemed."), schema = @Schema(
						allowableValues = {
								"current", "new" })) @Nullable List<String> emailChangeAwaiting,
		Map<String, Object> userMetadata, Map<String, Object> appMetadata, @Nullable Instant bannedUntil,
		@Nullable Instant lastSignInAt, Instant createdAt, Instant updatedAt){

	/**
	 * @param pending the user's pending email change, from {@link UserRepository}; null
	 * when the user has none
	 */
	static UserView of(User user, @Nullable PendingEmailChange pending) {
		return new UserView(user.id(), user.email(), user.anonymous(), user.emailConfirmedAt(),
				(pending != null) ? pending.newEmail() : null, (pending != null) ? pending.requestedAt() : null,
				(pending != null) ? pending.awaiting().stream().map(Purpose::emailChangeHalf).toList() : null,
				user.userMetadata(), user.appMetadata(), user.bannedUntil(), user.lastSignInAt(), user.createdAt(),
				user.updatedAt());
	}

}
