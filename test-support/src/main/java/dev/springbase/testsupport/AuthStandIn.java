package dev.springbase.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The auth service as the other services see it, on a real port: the JWKS that verifies
 * real RS256 platform tokens, the member list of projects, which services read for
 * console accounts, and the minting of function tokens for the functions service.
 */
public final class AuthStandIn implements AutoCloseable {

	public static final String ISSUER = "http://localhost:8080/auth/v1";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RSAKey key;

	private final HttpServer server;

	private final AtomicInteger memberLookups = new AtomicInteger();

	/** project -> account -> role */
	private final Map<UUID, Map<UUID, String>> members = new ConcurrentHashMap<>();

	private final List<FunctionTokenRequest> functionTokenRequests = Collections.synchronizedList(new ArrayList<>());

	private final Set<UUID> projectsRefusingFunctionTokens = ConcurrentHashMap.newKeySet();

	private final Map<UUID, Duration> functionTokenLifetimes = new ConcurrentHashMap<>();

	public AuthStandIn() {
		try {
			this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (JOSEException | IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/auth/v1/.well-known/jwks.json", (exchange) -> respond(exchange, 200,
				new JWKSet(this.key).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8)));
		this.server.createContext("/auth/v1/projects/", this::members);
		this.server.createContext("/internal/function-tokens", this::functionTokens);
		this.server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public String jwksUri() {
		return url() + "/auth/v1/.well-known/jwks.json";
	}

	/** How many member lookups the stand-in has answered. */
	public int memberLookups() {
		return this.memberLookups.get();
	}

	public void addMember(UUID projectId, UUID accountId, String role) {
		this.members.computeIfAbsent(projectId, (ignored) -> new ConcurrentHashMap<>()).put(accountId, role);
	}

	public String secretKeyToken(UUID projectId) {
		return sign(Map.of("sub", UUID.randomUUID().toString(), "kind", "api_key", "role", "service_role", "project",
				projectId.toString()), Instant.now().plusSeconds(300));
	}

	public String publishableKeyToken(UUID projectId) {
		return sign(Map.of("sub", UUID.randomUUID().toString(), "kind", "api_key", "role", "anon", "project",
				projectId.toString()), Instant.now().plusSeconds(300));
	}

	public String userToken(UUID projectId, String userId) {
		return sign(Map.of("sub", userId, "kind", "user", "role", "authenticated", "project", projectId.toString()),
				Instant.now().plusSeconds(300));
	}

	/** The token the auth service mints for a deployed function of the project. */
	public String functionToken(UUID projectId, UUID functionId) {
		return sign(Map.of("sub", functionId.toString(), "kind", "function", "role", "service_role", "project",
				projectId.toString()), Instant.now().plusSeconds(300));
	}

	/**
	 * Every request for a function token so far, in order, with the proof as sent; the
	 * stand-in does not check proofs (the test can, with the service's master key).
	 */
	public List<FunctionTokenRequest> functionTokenRequests(UUID projectId) {
		synchronized (this.functionTokenRequests) {
			return this.functionTokenRequests.stream()
				.filter((request) -> request.projectId().equals(projectId))
				.toList();
		}
	}

	/** Mints the project's function tokens with this lifetime instead of five minutes. */
	public void functionTokenLifetime(UUID projectId, Duration lifetime) {
		this.functionTokenLifetimes.put(projectId, lifetime);
	}

	/** Answers requests for the project's function tokens as for a deleted project. */
	public void refuseFunctionTokens(UUID projectId) {
		this.projectsRefusingFunctionTokens.add(projectId);
	}

	public String accountToken(UUID accountId, boolean admin) {
		return sign(Map.of("sub", accountId.toString(), "kind", "account", "role", "account", "email",
				accountId + "@example.com", "admin", admin), Instant.now().plusSeconds(300));
	}

	private String sign(Map<String, Object> claims, Instant expiresAt) {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(ISSUER)
			.issueTime(new Date())
			.expirationTime(Date.from(expiresAt));
		claims.forEach(builder::claim);
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
					builder.build());
			jwt.sign(new RSASSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * {@code GET /auth/v1/projects/{id}/members?limit&cursor}, as the auth service
	 * answers it: 404 unless the account is a member or an admin; members in account id
	 * order after the cursor.
	 */
	private void members(HttpExchange exchange) throws IOException {
		this.memberLookups.incrementAndGet();
		String[] path = exchange.getRequestURI().getPath().split("/");
		UUID projectId = UUID.fromString(path[4]);
		Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
		UUID caller = accountOf(exchange.getRequestHeaders().getFirst("Authorization"));
		Map<UUID, String> projectMembers = this.members.getOrDefault(projectId, Map.of());
		boolean admin = caller == null;
		if (!admin && !projectMembers.containsKey(caller)) {
			respond(exchange, 404, JSON.writeValueAsBytes(Map.of("code", "auth.project_not_found")));
			return;
		}
		UUID after = query.containsKey("cursor")
				? UUID.fromString(
						new String(Base64.getUrlDecoder().decode(query.get("cursor")), StandardCharsets.US_ASCII))
				: null;
		int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
		List<Map<String, Object>> items = projectMembers.entrySet()
			.stream()
			.filter((member) -> after == null || compareUnsigned(member.getKey(), after) > 0)
			.sorted(Comparator.comparing(Map.Entry::getKey, AuthStandIn::compareUnsigned))
			.limit(limit)
			.map((member) -> Map.<String, Object>of("accountId", member.getKey().toString(), "role", member.getValue()))
			.toList();
		respond(exchange, 200, JSON.writeValueAsBytes(Map.of("items", items)));
	}

	/**
	 * {@code POST /internal/function-tokens}: a function token valid for five minutes (or
	 * the project's lifetime), or 404 for projects told to refuse them.
	 */
	private void functionTokens(HttpExchange exchange) throws IOException {
		Map<?, ?> body = JSON.readValue(exchange.getRequestBody(), Map.class);
		UUID projectId = UUID.fromString((String) body.get("projectId"));
		UUID functionId = UUID.fromString((String) body.get("functionId"));
		this.functionTokenRequests.add(new FunctionTokenRequest(projectId, functionId, (String) body.get("proof")));
		if (this.projectsRefusingFunctionTokens.contains(projectId)) {
			respond(exchange, 404, JSON.writeValueAsBytes(Map.of("code", "auth.project_not_found")));
			return;
		}
		Instant expiresAt = Instant.now()
			.plus(this.functionTokenLifetimes.getOrDefault(projectId, Duration.ofMinutes(5)))
			.truncatedTo(ChronoUnit.SECONDS);
		String token = sign(Map.of("sub", functionId.toString(), "kind", "function", "role", "service_role", "project",
				projectId.toString()), expiresAt);
		respond(exchange, 200, JSON.writeValueAsBytes(Map.of("token", token, "expiresAt", expiresAt.toString())));
	}

	/** The account of the token; null for an admin token (which sees every project). */
	private static UUID accountOf(String authorization) {
		try {
			JWTClaimsSet claims = SignedJWT.parse(authorization.substring("Bearer ".length())).getJWTClaimsSet();
			return Boolean.TRUE.equals(claims.getBooleanClaim("admin")) ? null : UUID.fromString(claims.getSubject());
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int compareUnsigned(UUID a, UUID b) {
		int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
		return (high != 0) ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> values = new HashMap<>();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				String[] parts = pair.split("=", 2);
				values.put(parts[0], (parts.length > 1) ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
			}
		}
		return values;
	}

	private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** A request the functions service made for a function's token. */
	public record FunctionTokenRequest(UUID projectId, UUID functionId, String proof) {

	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
