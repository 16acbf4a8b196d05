package dev.springbase.functions.sdk.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An end user as the auth service's admin API shows it. Nullable fields are {@code null}
 * when unset.
 *
 * @param id the user id
 * @param email the address, {@code null} for anonymous users
 * @param anonymous whether the user signed up without credentials
 * @param emailConfirmedAt when the address was confirmed
 * @param userMetadata what the user set about themselves
 * @param appMetadata what admins set; users cannot change it
 * @param bannedUntil until when sign-in is refused
 * @param lastSignInAt the last sign-in
 * @param createdAt when the user was created
 * @param updatedAt the last change
 */
public record AuthUser(UUID id, String email, boolean anonymous, Instant emailConfirmedAt,
		Map<String, Object> userMetadata, Map<String, Object> appMetadata, Instant bannedUntil, Instant lastSignInAt,
		Instant createdAt, Instant updatedAt) {

}
