package dev.springbase.auth.oidc;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Apple's client secret: a JWT the developer signs with the ES256 key Apple issued,
 * instead of a fixed secret. One is made for each code exchange.
 */
final class AppleClientSecret {

	/** Apple allows up to six months; one code exchange needs a few seconds. */
	private static final Duration TTL = Duration.ofMinutes(5);

	private static final Pattern PEM = Pattern
		.compile("\\s*-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----\\s*");

	private AppleClientSecret() {
	}

	/**
	 * Reads a PKCS#8 PEM key, as in the {@code .p8} file Apple hands out.
	 * @throws OidcException {@code auth.provider_private_key_invalid} unless it is a
	 * P-256 key
	 */
	static ECPrivateKey parse(String pem) {
		Matcher matcher = PEM.matcher(pem);
		if (!matcher.matches()) {
			throw OidcException.privateKeyInvalid();
		}
		try {
			byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
			if (KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof ECPrivateKey key
					&& Curve.P_256.equals(Curve.forECParameterSpec(key.getParams()))) {
				return key;
			}
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			// Not base64, not PKCS#8, or not an EC key: refused below.
		}
		throw OidcException.privateKeyInvalid();
	}

	/**
	 * The client secret for one code exchange: issued by the team, about the client (the
	 * Services ID), for Apple's issuer.
	 */
	static String create(ECPrivateKey key, String keyId, String teamId, String clientId, String audience, Instant now) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(),
				new JWTClaimsSet.Builder().issuer(teamId)
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plus(TTL)))
					.audience(audience)
					.subject(clientId)
					.build());
		try {
			jwt.sign(new ECDSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("A P-256 key checked when it was saved signs ES256", ex);
		}
		return jwt.serialize();
	}

}
