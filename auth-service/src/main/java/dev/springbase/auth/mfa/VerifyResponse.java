package dev.springbase.auth.mfa;

import java.time.Instant;
import java.util.List;

import dev.springbase.auth.sessions.SessionTokens;

/**
 * New tokens at {@code aal2} after a second factor; recovery codes only after the first
 * TOTP verification.
 */
public record VerifyResponse(String accessToken, String tokenType, long expiresIn, Instant expiresAt,
		String refreshToken, List<String> recoveryCodes) {

	public static VerifyResponse of(SessionTokens tokens, List<String> recoveryCodes) {
		return new VerifyResponse(tokens.accessToken(), "bearer", tokens.expiresIn(), tokens.expiresAt(),
				tokens.refreshToken(), recoveryCodes);
	}

}
