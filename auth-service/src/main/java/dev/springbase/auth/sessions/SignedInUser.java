package dev.springbase.auth.sessions;

import java.util.UUID;

import dev.springbase.platform.security.Caller;

/**
 * The user and session an end user's access token names.
 *
 * @param userId the user
 * @param projectId the user's project
 * @param sessionId the session the token was issued for
 */
public record SignedInUser(UUID userId, UUID projectId, UUID sessionId) {

	/** The signed-in user behind the caller; keys and console accounts are refused. */
	static SignedInUser of(Caller caller) {
		String session = caller.token().getClaimAsString(UserClaims.SESSION_ID);
		if (caller.kind() != Caller.Kind.USER || session == null) {
			throw SessionException.userRequired();
		}
		return new SignedInUser(UUID.fromString(caller.subject()), caller.requireProject(), UUID.fromString(session));
	}

}
