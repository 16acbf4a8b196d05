package dev.springbase.system;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import dev.springbase.system.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing keys rotate without breaking tokens already handed out: services keep verifying
 * them until they expire, and learn the new key from the JWKS when they first meet it.
 */
class SigningKeyRotationSystemTests {

	private final Api api = Api.gateway();

	private final Api storageDirect = new Api(SpringbaseStack.get().url("storage-service"));

	@Test
	void tokenSignedBeforeRotationVerifiesInAnotherServiceUntilItExpires() throws ParseException {
		String before = this.api.adminToken();
		assertThat(this.storageDirect.get("/storage/v1/whoami").bearer(before).send().status()).isEqualTo(200);

		this.api.post("/auth/v1/signing-keys/rotate").bearer(before).send();
		String after = this.api.adminToken();

		assertThat(kid(after)).isNotEqualTo(kid(before));
		Response jwks = this.api.get("/auth/v1/.well-known/jwks.json").send();
		assertThat(jwks.body()).contains(kid(before)).contains(kid(after));
		for (String service : List.of("storage-service", "functions-service", "notifications-service")) {
			Api direct = new Api(SpringbaseStack.get().url(service));
			String path = "/" + service.replace("-service", "") + "/v1/whoami";
			assertThat(direct.get(path).bearer(before).send().status()).as(service).isEqualTo(200);
			assertThat(direct.get(path).bearer(after).send().status()).as(service).isEqualTo(200);
		}

		SpringbaseStack.sleep(Duration.ofSeconds(SystemTestSettings.ACCOUNT_TOKEN_TTL_SECONDS + 1));

		Response expired = this.storageDirect.get("/storage/v1/whoami").bearer(before).send();
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.code()).isEqualTo("auth.invalid_token");
		assertThat(this.api.get("/storage/v1/whoami").bearer(before).send().status()).isEqualTo(401);
	}

	@Test
	void tokenSignedByUnknownKeyIsRefusedByGatewayAndServices() throws JOSEException {
		String forged = forgedAccountToken();

		Response direct = this.storageDirect.get("/storage/v1/whoami").bearer(forged).send();
		Response throughGateway = this.api.get("/auth/v1/projects").bearer(forged).send();

		assertThat(direct.status()).isEqualTo(401);
		assertThat(direct.code()).isEqualTo("auth.invalid_token");
		assertThat(throughGateway.status()).isEqualTo(401);
		assertThat(throughGateway.contentType()).startsWith("application/problem+json");
	}

	private static String forgedAccountToken() throws JOSEException {
		RSAKey key = new RSAKeyGenerator(2048).keyID("forged").generate();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(SpringbaseStack.get().gatewayUrl() + "/auth/v1")
			.subject("forged-admin")
			.claim("kind", "account")
			.claim("role", "account")
			.claim("admin", true)
			.claim("email", SpringbaseStack.ADMIN_EMAIL)
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static String kid(String token) throws ParseException {
		return SignedJWT.parse(token).getHeader().getKeyID();
	}

}
