package dev.springbase.gateway.keys;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

import dev.springbase.gateway.auth.AuthUnavailable;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.security.PlatformClaims;

/** Verifies bearer tokens against the auth service's JWKS, as every service does. */
@Component
class BearerTokens {

	private static final String BEARER = "bearer ";

	private final JwtDecoder decoder;

	BearerTokens(JwtDecoder decoder) {
		this.decoder = decoder;
	}

	/**
	 * The token of an {@code Authorization: Bearer} header, verified.
	 * @throws KeyRejected when the header is no bearer token or the token is invalid
	 * @throws AuthUnavailable when the signing keys cannot be fetched
	 */
	Jwt verify(String authorization) {
		if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			throw KeyRejected.tokenInvalid();
		}
		try {
			return this.decoder.decode(authorization.substring(BEARER.length()).trim());
		}
		catch (BadJwtException ex) {
			throw KeyRejected.tokenInvalid();
		}
		catch (JwtException ex) {
			throw AuthUnavailable.cannotVerify();
		}
	}

	static boolean isAccount(Jwt token) {
		return Caller.Kind.ACCOUNT.claimValue().equals(token.getClaimAsString(PlatformClaims.KIND));
	}

}
