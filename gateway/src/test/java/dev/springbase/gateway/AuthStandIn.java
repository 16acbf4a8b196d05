package dev.springbase.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;

/**
 * The auth service as the gateway sees it: the JWKS, API key resolution and the allowed
 * origins, speaking the internal contract and signing real RS256 tokens.
 */
final class AuthStandIn extends ServiceStandIn {

	static final String ISSUER = "http://localhost:8080/auth/v1";

	private final RSAKey signingKey = newKey();

	private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> resolutions = new ConcurrentHashMap<>();

	AuthStandIn() {
		super("auth");
		on("/auth/v1/.well-known/jwks.json", (exchange) -> respond(exchange, 200, "application/json",
				new JWKSet(this.signingKey).toPublicJWKSet().toString().getBytes()));
		on("/internal/api-keys/resolve", this::resolve);
		on("/internal/cors/allowed-origins", (exchange) -> {
			Set<String> origins = new TreeSet<>();
			this.keys.values().forEach((key) -> origins.addAll(key.allowedOrigins()));
			respondJson(exchange, 200, Map.of("origins", origins));
		});
	}

	/** A new publishable key of the project, whose tokens live an hour. */
	String newKey(UUID projectId, String... allowedOrigins) {
		return newKey(projectId, Duration.ofHours(1), allowedOrigins);
	}

	String newKey(UUID projectId, Duration tokenLifetime, String... allowedOrigins) {
		return register(new ApiKey(projectId, UUID.randomUUID(), List.of(allowedOrigins), tokenLifetime, false));
	}

	/** A key of a project whose users must pass a second factor. */
	String newKeyRequiringMfa(UUID projectId) {
		return register(new ApiKey(projectId, UUID.randomUUID(), List.of(), Duration.ofHours(1), true));
	}

	private String register(ApiKey apiKey) {
		String key = "sb_publishable_" + UUID.randomUUID().toString().replace("-", "");
		this.keys.put(key, apiKey);
		return key;
	}

	void revoke(String key) {
		this.keys.remove(key);
	}

	int resolutions(String key) {
		AtomicInteger count = this.resolutions.get(key);
		return (count != null) ? count.get() : 0;
	}

	String userToken(UUID projectId) {
		return userToken(projectId, "aal1");
	}

	String userToken(UUID projectId, String aal) {
		return sign(this.signingKey, Map.of("sub", UUID.randomUUID().toString(), "kind", "user", "role",
				"authenticated", "project", projectId.toString(), "aal", aal), Instant.now().plusSeconds(300));
	}

	String accountToken() {
		return sign(this.signingKey, Map.of("sub", UUID.randomUUID().toString(), "kind", "account", "role", "account",
				"email", "admin@example.com", "admin", true), Instant.now().plusSeconds(300));
	}

	String expiredUserToken(UUID projectId) {
		return sign(this.signingKey, Map.of("sub", UUID.randomUUID().toString(), "kind", "user", "role",
				"authenticated", "project", projectId.toString()), Instant.now().minusSeconds(600));
	}

	static String userTokenSignedByAnotherKey(UUID projectId) {
		return sign(newKey(), Map.of("sub", UUID.randomUUID().toString(), "kind", "user", "role", "authenticated",
				"project", projectId.toString()), Instant.now().plusSeconds(300));
	}

	private void resolve(HttpExchange exchange) throws IOException {
		JsonNode request;
		try (InputStream in = exchange.getRequestBody()) {
			request = JSON.readTree(in);
		}
		String key = request.path("key").asString();
		this.resolutions.computeIfAbsent(key, (ignored) -> new AtomicInteger()).incrementAndGet();
		ApiKey apiKey = this.keys.get(key);
		if (apiKey == null) {
			respond(exchange, 401, "application/problem+json",
					JSON.writeValueAsBytes(Map.of("type", "https://springbase.dev/problems/auth.invalid_api_key",
							"title", "Unauthorized", "status", 401, "code", "auth.invalid_api_key")));
			return;
		}
		Instant expiresAt = Instant.now().plus(apiKey.tokenLifetime());
		String token = sign(this.signingKey, Map.of("sub", apiKey.keyId().toString(), "kind", "api_key", "role", "anon",
				"project", apiKey.projectId().toString()), expiresAt);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("projectId", apiKey.projectId());
		answer.put("keyId", apiKey.keyId());
		answer.put("type", "publishable");
		answer.put("role", "anon");
		answer.put("token", token);
		answer.put("expiresAt", expiresAt.toString());
		answer.put("allowedOrigins", apiKey.allowedOrigins());
		answer.put("mfaRequired", apiKey.mfaRequired());
		respondJson(exchange, 200, answer);
	}

	private static RSAKey newKey() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String sign(RSAKey key, Map<String, Object> claims, Instant expiresAt) {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(ISSUER)
			.issueTime(new Date())
			.expirationTime(Date.from(expiresAt));
		claims.forEach(builder::claim);
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					builder.build());
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, Object> claimsOf(String token) {
		try {
			return SignedJWT.parse(token).getJWTClaimsSet().getClaims();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record ApiKey(UUID projectId, UUID keyId, List<String> allowedOrigins, Duration tokenLifetime,
			boolean mfaRequired) {

	}

}
