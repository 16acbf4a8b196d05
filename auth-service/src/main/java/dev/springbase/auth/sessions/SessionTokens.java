package dev.springbase.auth.sessions;

import java.time.Instant;
import java.util.UUID;

/**
 * What a client gets when a session starts or is refreshed.
 *
 * @param accessToken the signed JWT to send as {@code Authorization: Bearer}
 * @param expiresAt when it expires
 * @param expiresIn its lifetime in seconds
 * @param refreshToken the opaque token that gets the next pair, once
 * @param sessionId the session
 * @param userId the user
 */
public record SessionTokens(String accessToken, Instant expiresAt, long expiresIn, String refreshToken, UUID sessionId,
		UUID userId) {

}
