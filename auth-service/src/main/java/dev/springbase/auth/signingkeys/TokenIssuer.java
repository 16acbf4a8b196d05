package dev.springbase.auth.signingkeys;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.stereotype.Component;

import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.security.PlatformSecurityProperties;

/** Signs platform JWTs (RS256, kid in the header) with the active signing key. */
@Component
public class TokenIssuer {

	private final SigningKeyService keys;

	private final String issuer;

	TokenIssuer(SigningKeyService keys, PlatformSecurityProperties security) {
		this.keys = keys;
		this.issuer = security.issuer();
	}

	/**
	 * Signs a token for {@code subject} with the platform claims given (kind, role,
	 * project, ...), valid for {@code ttl}.
	 */
	public IssuedToken issue(String subject, Map<String, Object> claims, Duration ttl) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = now.plus(ttl);
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(subject)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expiresAt))
			.jwtID(Ids.newId().toString());
		claims.forEach(builder::claim);
		SigningKeyService.Signer signer = this.keys.signer();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.kid()).type(JOSEObjectType.JWT).build(),
				builder.build());
		try {
			jwt.sign(signer.jwsSigner());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a token with key " + signer.kid(), ex);
		}
		return new IssuedToken(jwt.serialize(), expiresAt);
	}

	/** A signed token and when it expires. */
	public record IssuedToken(String value, Instant expiresAt) {

	}

}
