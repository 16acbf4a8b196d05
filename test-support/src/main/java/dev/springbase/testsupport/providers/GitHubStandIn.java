package dev.springbase.testsupport.providers;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * GitHub's OAuth app endpoints and the two API calls sign-in needs, as GitHub answers
 * them: it checks the client id and secret, the redirect URI, the PKCE verifier against
 * the challenge, that the token is asked for as JSON, and the bearer token on API calls.
 * Errors of the code exchange come with status 200, as GitHub sends them.
 */
public final class GitHubStandIn extends ProviderStandIn {

	public static final String CLIENT_ID = "Iv1.github-client";

	public static final String CLIENT_SECRET = "github-client-secret";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Grant> codes = new ConcurrentHashMap<>();

	private final Map<String, Account> tokens = new ConcurrentHashMap<>();

	/** Who signs in at the next authorization. */
	private volatile Account next = new Account(1, List.of());

	public GitHubStandIn() {
		route("/login/oauth/authorize", this::authorize);
		route("/login/oauth/access_token", this::accessToken);
		route("/api/user/emails", (exchange) -> api(exchange, (account) -> account.emails()));
		route("/api/user", (exchange) -> api(exchange,
				(account) -> Map.of("id", account.id(), "login", "user" + account.id(), "type", "User")));
		start();
	}

	public String apiUrl() {
		return baseUrl() + "/api";
	}

	/** The account the next authorization is for, with its email addresses. */
	public void nextUser(long id, List<Map<String, Object>> emails) {
		this.next = new Account(id, emails);
	}

	public static Map<String, Object> email(String address, boolean primary, boolean verified) {
		return Map.of("email", address, "primary", primary, "verified", verified, "visibility", "private");
	}

	private void authorize(HttpExchange exchange) throws IOException {
		Map<String, String> query = query(exchange);
		if (!CLIENT_ID.equals(query.get("client_id")) || !"read:user user:email".equals(query.get("scope"))
				|| !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null
				|| query.get("state") == null || query.get("redirect_uri") == null) {
			respond(exchange, 400, "text/plain", "unexpected authorization request " + query);
			return;
		}
		String code = newCode();
		this.codes.put(code, new Grant(query.get("code_challenge"), query.get("redirect_uri"), this.next));
		redirect(exchange,
				UriComponentsBuilder.fromUriString(query.get("redirect_uri"))
					.queryParam("code", code)
					.queryParam("state", query.get("state"))
					.build()
					.toUriString());
	}

	private void accessToken(HttpExchange exchange) throws IOException {
		if (!"POST".equals(exchange.getRequestMethod())) {
			respond(exchange, 404, "text/plain", "Not Found");
			return;
		}
		Map<String, String> form = form(exchange);
		String accept = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Accept"), "");
		if (!accept.contains("application/json")) {
			// What GitHub answers without Accept: application/json.
			respond(exchange, 200, "application/x-www-form-urlencoded", "error=not_asked_for_json");
			return;
		}
		if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
			error(exchange, "incorrect_client_credentials");
			return;
		}
		Grant grant = this.codes.remove(Objects.requireNonNullElse(form.get("code"), ""));
		if (grant == null || !fitsChallenge(form.get("code_verifier"), grant.challenge())) {
			error(exchange, "bad_verification_code");
			return;
		}
		if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
			error(exchange, "redirect_uri_mismatch");
			return;
		}
		String token = "gho_" + newCode().replace("-", "");
		this.tokens.put(token, grant.account());
		json(exchange, 200, json.writeValueAsString(
				Map.of("access_token", token, "token_type", "bearer", "scope", "read:user,user:email")));
	}

	private void api(HttpExchange exchange, Function<Account, Object> answer) throws IOException {
		String authorization = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Authorization"), "");
		Account account = authorization.startsWith("Bearer ") ? this.tokens.get(authorization.substring(7)) : null;
		if (account == null) {
			json(exchange, 401, "{\"message\":\"Bad credentials\",\"status\":\"401\"}");
			return;
		}
		if (exchange.getRequestHeaders().getFirst("User-Agent") == null) {
			json(exchange, 403, "{\"message\":\"Request forbidden by administrative rules.\"}");
			return;
		}
		json(exchange, 200, json.writeValueAsString(answer.apply(account)));
	}

	private static void error(HttpExchange exchange, String error) throws IOException {
		json(exchange, 200, "{\"error\":\"" + error + "\",\"error_description\":\"refused by the stand-in\"}");
	}

	private record Account(long id, List<Map<String, Object>> emails) {

	}

	private record Grant(String challenge, String redirectUri, Account account) {

	}

}
