package dev.springbase.auth.sessions;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a session needs to know about its user to mint an access token or refuse one.
 *
 * @param id the user id, the token's subject
 * @param projectId the user's project
 * @param email the email, absent for anonymous users
 * @param anonymous whether the user signed in anonymously and has not upgraded yet
 * @param appMetadata admin-set data, carried in every access token as custom claims
 * @param bannedUntil while in the future, the user may neither sign in nor refresh
 */
public record SessionUser(UUID id, UUID projectId, @Nullable String email, boolean anonymous,
		Map<String, Object> appMetadata, @Nullable Instant bannedUntil) {

	public boolean bannedAt(Instant when) {
		return this.bannedUntil != null && this.bannedUntil.isAfter(when);
	}

}
