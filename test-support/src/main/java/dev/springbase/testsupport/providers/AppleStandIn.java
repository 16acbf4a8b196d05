package dev.springbase.testsupport.providers;

import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sign in with Apple as Apple answers it: discovery, an authorization endpoint that
 * insists on {@code response_mode=form_post} when email or name is asked for and posts
 * the code back with an HTML form, a token endpoint that takes the client secret only in
 * the form and only as a JWT signed (ES256) with the developer's registered key, with the
 * key id, team, client and audience Apple expects, and ID tokens whose
 * {@code email_verified} is the string "true".
 */
public final class AppleStandIn extends ProviderStandIn {

	public static final String CLIENT_ID = "dev.springbase.example.signin";

	public static final String TEAM_ID = "TEAM4APPLE";

	public static final String KEY_ID = "KEY4APPLE1";

	/** Apple's limit on a client secret's lifetime. */
	private static final Duration MAX_SECRET_TTL = Duration.ofSeconds(15_777_000);

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * The developer's key as Apple registered it; the developer keeps the private half.
	 */
	private final ECKey developerKey;

	private final RSAKey signingKey;

	private final Map<String, Grant> codes = new ConcurrentHashMap<>();

	/** The claims of the last client secret that verified. */
	private volatile @Nullable JWTClaimsSet lastClientSecret;

	/** Who signs in at the next authorization. */
	private volatile Account next = new Account("000001.apple", "someone@privaterelay.appleid.com");

	public AppleStandIn() throws JOSEException {
		this.developerKey = new ECKeyGenerator(Curve.P_256).keyID(KEY_ID).generate();
		this.signingKey = new RSAKeyGenerator(2048).keyID("apple-signing").generate();
		route("/.well-known/openid-configuration", (exchange) -> json(exchange, 200,
				json.writeValueAsString(Map.of("issuer", issuer(), "authorization_endpoint",
						issuer() + "/auth/authorize", "token_endpoint", issuer() + "/auth/token", "jwks_uri",
						issuer() + "/auth/keys", "response_types_supported", new String[] { "code" },
						"response_modes_supported", new String[] { "query", "fragment", "form_post" },
						"subject_types_supported", new String[] { "pairwise" }, "id_token_signing_alg_values_supported",
						new String[] { "RS256" }, "scopes_supported", new String[] { "openid", "email", "name" },
						"token_endpoint_auth_methods_supported", new String[] { "client_secret_post" }))));
		route("/auth/keys", (exchange) -> json(exchange, 200, new JWKSet(this.signingKey.toPublicJWK()).toString()));
		route("/auth/authorize", this::authorize);
		route("/auth/token", this::token);
		start();
	}

	public String issuer() {
		return baseUrl();
	}

	/** The developer's private key as Apple hands it out: a PKCS#8 PEM (.p8 file). */
	public String privateKeyPem() throws JOSEException {
		return pem(this.developerKey.toECPrivateKey().getEncoded());
	}

	public static String pem(byte[] pkcs8) {
		return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
				+ "\n-----END PRIVATE KEY-----\n";
	}

	public void nextUser(String subject, String email) {
		this.next = new Account(subject, email);
	}

	/** The claims of the last client secret that verified, if any did. */
	public @Nullable JWTClaimsSet lastClientSecret() {
		return this.lastClientSecret;
	}

	private void authorize(HttpExchange exchange) throws IOException {
		Map<String, String> query = query(exchange);
		if (!CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
				|| !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null
				|| query.get("state") == null || query.get("nonce") == null || query.get("redirect_uri") == null) {
			respond(exchange, 400, "text/plain", "invalid_request " + query);
			return;
		}
		String scope = Objects.requireNonNullElse(query.get("scope"), "");
		if ((scope.contains("email") || scope.contains("name")) && !"form_post".equals(query.get("response_mode"))) {
			respond(exchange, 400, "text/plain", "invalid_request: response_mode must be form_post");
			return;
		}
		String code = newCode();
		this.codes.put(code,
				new Grant(query.get("code_challenge"), query.get("redirect_uri"), query.get("nonce"), this.next));
		// Apple posts back with a self-submitting form; the name comes only the first
		// time.
		respond(exchange, 200, "text/html", """
				<html><body onload="document.forms[0].submit()">
				<form method="post" action="%s">
				<input type="hidden" name="code" value="%s"/>
				<input type="hidden" name="state" value="%s"/>
				<input type="hidden" name="user" value="{&quot;name&quot;:{&quot;firstName&quot;:&quot;Ann&quot;}}"/>
				</form></body></html>""".formatted(query.get("redirect_uri"), code, query.get("state")));
	}

	private void token(HttpExchange exchange) throws IOException {
		Map<String, String> form = form(exchange);
		if (exchange.getRequestHeaders().getFirst("Authorization") != null || !CLIENT_ID.equals(form.get("client_id"))
				|| !clientSecretVerifies(form.get("client_secret"))) {
			json(exchange, 400, "{\"error\":\"invalid_client\"}");
			return;
		}
		Grant grant = this.codes.remove(Objects.requireNonNullElse(form.get("code"), ""));
		if (grant == null || !"authorization_code".equals(form.get("grant_type"))
				|| !grant.redirectUri().equals(form.get("redirect_uri"))
				|| !fitsChallenge(form.get("code_verifier"), grant.challenge())) {
			json(exchange, 400, "{\"error\":\"invalid_grant\"}");
			return;
		}
		json(exchange, 200, json.writeValueAsString(Map.of("access_token", "a" + newCode(), "token_type", "Bearer",
				"expires_in", 3600, "refresh_token", "r" + newCode(), "id_token", idToken(grant))));
	}

	private boolean clientSecretVerifies(@Nullable String secret) {
		if (secret == null) {
			return false;
		}
		try {
			SignedJWT jwt = SignedJWT.parse(secret);
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			Instant now = Instant.now();
			boolean fits = JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
					&& KEY_ID.equals(jwt.getHeader().getKeyID())
					&& jwt.verify(new ECDSAVerifier(this.developerKey.toECPublicKey()))
					&& TEAM_ID.equals(claims.getIssuer()) && CLIENT_ID.equals(claims.getSubject())
					&& claims.getAudience().equals(List.of(issuer())) && claims.getIssueTime() != null
					&& claims.getExpirationTime() != null
					&& !claims.getIssueTime().toInstant().isAfter(now.plusSeconds(60))
					&& claims.getExpirationTime().toInstant().isAfter(now)
					&& Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant())
						.compareTo(MAX_SECRET_TTL) <= 0;
			if (fits) {
				this.lastClientSecret = claims;
			}
			return fits;
		}
		catch (ParseException | JOSEException ex) {
			return false;
		}
	}

	private String idToken(Grant grant) {
		try {
			Instant now = Instant.now();
			SignedJWT token = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.signingKey.getKeyID()).build(),
					new JWTClaimsSet.Builder().issuer(issuer())
						.audience(CLIENT_ID)
						.subject(grant.account().subject())
						.issueTime(Date.from(now))
						.expirationTime(Date.from(now.plusSeconds(600)))
						.claim("nonce", grant.nonce())
						.claim("nonce_supported", true)
						.claim("email", grant.account().email())
						.claim("email_verified", "true")
						.claim("is_private_email", "true")
						.claim("auth_time", now.getEpochSecond())
						.build());
			token.sign(new RSASSASigner(this.signingKey));
			return token.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Account(String subject, String email) {

	}

	private record Grant(String challenge, String redirectUri, String nonce, Account account) {

	}

}
