package dev.springbase.functions.sdk.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An end user as the auth service's admin API shows it, with the email change it has
 * pending. Nullable fields are {@code null} when unset.
 *
 * @param id the user id
 * @param email the address, {@code null} for anonymous users
 * @param anonymous whether the user signed up without credentials
 * @param emailConfirmedAt when the address was confirmed
 * @param newEmail while an email change waits for confirmation: the address it changes
 * to; {@code null} otherwise
 * @param emailChangeSentAt while an email change waits for confirmation: when it was
 * asked for and its mails went out; {@code null} otherwise
 * @param emailChangeAwaiting while an email change waits for confirmation: the addresses
 * whose mailed link or code is still to be redeemed, {@code current} (a secure email
 * change asks the current address too) and {@code new}; {@code null} otherwise. The
 * change applies once the last one is redeemed.
 * @param userMetadata what the user set about themselves
 * @param appMetadata what admins set; users cannot change it
 * @param bannedUntil until when sign-in is refused
 * @param lastSignInAt the last sign-in
 * @param createdAt when the user was created
 * @param updatedAt the last change
 */
public record AuthUser(UUID id, String email, boolean anonymous, Instant emailConfirmedAt, String newEmail,
		Instant emailChangeSentAt, List<String> emailChangeAwaiting, Map<String, Object> userMetadata,
		Map<String, Object> appMetadata, Instant bannedUntil, Instant lastSignInAt, Instant createdAt,
		Instant updatedAt) {

	/**
	 * A user with no email change pending, as this record was before it showed one; kept
	 * so that code constructing it, such as a function's own tests, still compiles.
	 */
	public AuthUser(UUID id, String email, boolean anonymous, Instant emailConfirmedAt,
			Map<String, Object> userMetadata, Map<String, Object> appMetadata, Instant bannedUntil,
			Instant lastSignInAt, Instant createdAt, Instant updatedAt) {
		this(id, email, anonymous, emailConfirmedAt, null, null, null, userMetadata, appMetadata, bannedUntil,
				lastSignInAt, createdAt, updatedAt);
	}

}
