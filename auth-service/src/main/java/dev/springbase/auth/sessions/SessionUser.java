package dev.springbase.auth.sessions;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a session needs to know about its user to mint an access token or refuse one; the
 * users feature's types provide it.
 */
public interface SessionUser {

	/** The user id, the token's subject. */
	UUID id();

	UUID projectId();

	/** The email, absent for anonymous users. */
	@Nullable String email();

	/** Whether the user signed in anonymously and has not upgraded yet. */
	boolean anonymous();

	/** Admin-set data, carried in every access token as custom claims. */
	Map<String, Object> appMetadata();

	/** While in the future, the user may neither sign in nor refresh. */
	@Nullable Instant bannedUntil();

	default boolean bannedAt(Instant when) {
		Instant until = bannedUntil();
		return until != null && until.isAfter(when);
	}

}
