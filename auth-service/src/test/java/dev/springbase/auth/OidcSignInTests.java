package dev.springbase.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
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
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriComponentsBuilder;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in with an OpenID Connect provider, against a real one running locally
 * (mock-oauth2-server): discovery, PKCE, state, ID token signature and nonce.
 */
class OidcSignInTests extends AuthServiceTests {

	static final MockOAuth2Server provider = new MockOAuth2Server();

	static {
		provider.start(0);
	}

	@AfterAll
	static void stopProvider() {
		provider.shutdown();
	}

	private static final String REDIRECT = "https://app.example/callback";

	private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void signsInWithPkceAndLinksAUserWithTheSameVerifiedEmail() throws Exception {
		EndUsers users = projectWithProvider("oidc-owner@test.local");
		Reply existing = users.admin(HttpMethod.POST, "/users",
				Map.of("email", "linked@example.com", "password", EndUsers.PASSWORD, "emailConfirmed", true));
		provider.enqueueCallback(identity("corp-user-1", "linked@example.com", true));

		Reply started = authorize(users);
		assertThat(started.status()).isEqualTo(200);
		Map<String, String> query = UriComponentsBuilder.fromUriString(started.string("url"))
			.build()
			.getQueryParams()
			.toSingleValueMap();
		assertThat(query).containsEntry("code_challenge_method", "S256")
			.containsEntry("client_id", "app-client")
			.containsKeys("code_challenge", "state", "nonce");
		Map<String, String> callback = followProvider(started.string("url"));
		assertThat(callback.get("state")).isEqualTo(query.get("state"));

		Reply signedIn = exchange(users, callback.get("code"), callback.get("state"));
		assertThat(signedIn.status()).as("%s", signedIn.body()).isEqualTo(200);
		assertThat(EndUsers.userId(signedIn)).isEqualTo(existing.string("id"));
		assertThat(TestApi.claims(signedIn.string("accessToken"))).containsEntry("email", "linked@example.com");

		Reply replayed = exchange(users, callback.get("code"), callback.get("state"));
		assertThat(replayed.status()).isEqualTo(401);
		assertThat(replayed.code()).isEqualTo("auth.oidc_state_invalid");
		// The password still works: the address was confirmed, so linking took nothing
		// away.
		assertThat(users.signIn("linked@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void theSameProviderAccountIsTheSameUserAndAnUnverifiedEmailLinksNothing() throws Exception {
		EndUsers users = projectWithProvider("oidc-new-owner@test.local");
		String local = EndUsers.userId(users.newUser("taken@example.com"));

		provider.enqueueCallback(identity("corp-user-2", "taken@example.com", false));
		Reply first = signIn(users);
		assertThat(first.status()).isEqualTo(200);
		String created = EndUsers.userId(first);
		assertThat(created).isNotEqualTo(local);
		@SuppressWarnings("unchecked")
		Map<String, Object> user = (Map<String, Object>) first.body().get("user");
		assertThat(user).containsEntry("email", null);

		provider.enqueueCallback(identity("corp-user-2", "taken@example.com", false));
		assertThat(EndUsers.userId(signIn(users))).isEqualTo(created);
		assertThat(users.signIn("taken@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void anAnonymousUserLinksAProviderAndBecomesPermanentKeepingItsId() throws Exception {
		EndUsers users = projectWithProvider("oidc-anon-owner@test.local");
		Reply anonymous = users.signUpAnonymously();
		String anonymousId = EndUsers.userId(anonymous);
		String anonymousToken = anonymous.string("accessToken");

		provider.enqueueCallback(identity("corp-user-anon", "upgraded@example.com", true));
		Reply started = users.call(HttpMethod.POST, "/auth/v1/authorize", anonymousToken,
				Map.of("provider", "corp", "redirectTo", REDIRECT));
		Map<String, String> callback = followProvider(started.string("url"));
		Reply linked = exchange(users, callback.get("code"), callback.get("state"));

		assertThat(linked.status()).as("%s", linked.body()).isEqualTo(200);
		assertThat(EndUsers.userId(linked)).isEqualTo(anonymousId);
		assertThat(TestApi.claims(linked.string("accessToken"))).containsEntry("is_anonymous", false)
			.containsEntry("email", "upgraded@example.com");
		provider.enqueueCallback(identity("corp-user-anon", "upgraded@example.com", true));
		assertThat(EndUsers.userId(signIn(users))).as("the provider account now signs in as that user")
			.isEqualTo(anonymousId);
	}

	@Test
	void aProviderAccountOfAnotherUserIsNotLinked() throws Exception {
		EndUsers users = projectWithProvider("oidc-link-owner@test.local");
		provider.enqueueCallback(identity("corp-user-taken", "first@example.com", true));
		String owner = EndUsers.userId(signIn(users));
		Reply anonymous = users.signUpAnonymously();

		provider.enqueueCallback(identity("corp-user-taken", "first@example.com", true));
		Map<String, String> callback = followProvider(users
			.call(HttpMethod.POST, "/auth/v1/authorize", anonymous.string("accessToken"),
					Map.of("provider", "corp", "redirectTo", REDIRECT))
			.string("url"));
		Reply refused = exchange(users, callback.get("code"), callback.get("state"));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("auth.identity_already_linked");
		assertThat(users.call(HttpMethod.GET, "/auth/v1/user", anonymous.string("accessToken"), null).body())
			.containsEntry("anonymous", true);
		provider.enqueueCallback(identity("corp-user-taken", "first@example.com", true));
		assertThat(EndUsers.userId(signIn(users))).isEqualTo(owner);
	}

	@Test
	void refusesAForgedOrSwappedStateAndAnotherProjectsKey() throws Exception {
		EndUsers users = projectWithProvider("oidc-state-owner@test.local");
		provider.enqueueCallback(identity("corp-user-3", "state@example.com", true));
		Map<String, String> callback = followProvider(authorize(users).string("url"));

		Reply forged = exchange(users, callback.get("code"), "forged-state");
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.code()).isEqualTo("auth.oidc_state_invalid");
		EndUsers other = projectWithProvider("oidc-state-other@test.local");
		Reply elsewhere = exchange(other, callback.get("code"), callback.get("state"));
		assertThat(elsewhere.code()).isEqualTo("auth.oidc_state_invalid");

		// A code from one sign-in with the state of another: the PKCE verifier and the
		// nonce of the second do not fit the first.
		provider.enqueueCallback(identity("corp-user-3", "state@example.com", true));
		Map<String, String> second = followProvider(authorize(users).string("url"));
		Reply swapped = exchange(users, callback.get("code"), second.get("state"));
		assertThat(swapped.status()).isEqualTo(401);
		assertThat(swapped.code()).isEqualTo("auth.oidc_rejected");
	}

	@Test
	void refusesAnIdTokenForAnotherNonce() throws Exception {
		EndUsers users = projectWithProvider("oidc-nonce-owner@test.local");
		provider.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "corp-user-4", "JWT", List.of("app-client"),
				Map.of("nonce", "not-the-nonce-of-this-sign-in", "email", "nonce@example.com"), 3600));
		Reply mismatched = signIn(users);
		assertThat(mismatched.status()).isEqualTo(401);
		assertThat(mismatched.code()).isEqualTo("auth.oidc_rejected");
	}

	@Test
	void refusesAnIdTokenNotSignedByTheProvidersKey() throws Exception {
		try (ForgingProvider forger = new ForgingProvider()) {
			EndUsers users = EndUsers.newProject(this.api, "oidc-forged-owner@test.local");
			Reply saved = users.admin(HttpMethod.PUT, "/providers/forger",
					Map.of("issuer", forger.issuer(), "clientId", "app-client", "clientSecret", "app-secret"));
			assertThat(saved.status()).as("%s", saved.body()).isEqualTo(200);

			forger.signWithPublishedKey = true;
			Reply genuine = signInWithoutBrowser(users, forger);
			assertThat(genuine.status()).as("%s", genuine.body()).isEqualTo(200);

			forger.signWithPublishedKey = false;
			Reply forged = signInWithoutBrowser(users, forger);
			assertThat(forged.status()).isEqualTo(401);
			assertThat(forged.code()).isEqualTo("auth.oidc_rejected");
		}
	}

	@Test
	void fetchesTheProvidersDiscoveryAndKeysOnceForManySignIns() throws Exception {
		try (ForgingProvider forger = new ForgingProvider()) {
			EndUsers users = EndUsers.newProject(this.api, "oidc-cache-owner@test.local");
			users.admin(HttpMethod.PUT, "/providers/forger",
					Map.of("issuer", forger.issuer(), "clientId", "app-client", "clientSecret", "app-secret"));
			forger.signWithPublishedKey = true;
			for (int i = 0; i < 3; i++) {
				assertThat(signInWithoutBrowser(users, forger).status()).isEqualTo(200);
			}
			assertThat(forger.discoveryRequests).hasValue(1);
			assertThat(forger.keyRequests).hasValue(1);
		}
	}

	@Test
	void providersAreManagedByAdminsOnlyAndHideTheirSecret() {
		EndUsers users = projectWithProvider("oidc-admin-owner@test.local");
		Reply listed = users.admin(HttpMethod.GET, "/providers", null);
		assertThat(listed.items()).singleElement()
			.satisfies((item) -> assertThat(item).containsEntry("name", "corp")
				.containsEntry("clientId", "app-client")
				.doesNotContainKeys("clientSecret", "clientSecretCiphertext"));
		assertThat(listed.body().toString()).doesNotContain("app-secret");
		Reply byPublishableKey = users.call(HttpMethod.PUT, "/auth/v1/admin/providers/evil", users.anonToken,
				Map.of("issuer", "https://evil.example", "clientId", "x", "clientSecret", "y"));
		assertThat(byPublishableKey.status()).isEqualTo(403);
		Reply unknown = users.call(HttpMethod.POST, "/auth/v1/authorize", users.anonToken,
				Map.of("provider", "nope", "redirectTo", REDIRECT));
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.code()).isEqualTo("auth.provider_not_found");
	}

	/** A sign-in with the forger, which needs no browser: it takes any code. */
	private Reply signInWithoutBrowser(EndUsers users, ForgingProvider forger) {
		Reply started = users.call(HttpMethod.POST, "/auth/v1/authorize", users.anonToken,
				Map.of("provider", "forger", "redirectTo", REDIRECT));
		Map<String, String> query = UriComponentsBuilder.fromUriString(started.string("url"))
			.build()
			.getQueryParams()
			.toSingleValueMap();
		forger.nonce = query.get("nonce");
		return exchange(users, "any-code", query.get("state"));
	}

	/**
	 * An OpenID provider of its own whose ID tokens carry the right issuer, audience and
	 * nonce, signed with the key its JWKS publishes or, when told, with another key under
	 * the same key id.
	 */
	private static final class ForgingProvider implements AutoCloseable {

		private final HttpServer server;

		private final RSAKey published;

		private final RSAKey other;

		volatile boolean signWithPublishedKey;

		volatile String nonce;

		final AtomicInteger discoveryRequests = new AtomicInteger();

		final AtomicInteger keyRequests = new AtomicInteger();

		ForgingProvider() throws Exception {
			this.published = new RSAKeyGenerator(2048).keyID("forger-key").generate();
			this.other = new RSAKeyGenerator(2048).keyID("forger-key").generate();
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.server.createContext("/.well-known/openid-configuration", (exchange) -> respond(exchange,
					this.discoveryRequests,
					("{\"issuer\":\"%1$s\",\"authorization_endpoint\":\"%1$s/authorize\","
							+ "\"token_endpoint\":\"%1$s/token\",\"jwks_uri\":\"%1$s/jwks\","
							+ "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
							+ "\"id_token_signing_alg_values_supported\":[\"RS256\"]}")
						.formatted(issuer())));
			this.server.createContext("/jwks", (exchange) -> respond(exchange, this.keyRequests,
					new JWKSet(this.published.toPublicJWK()).toString()));
			this.server.createContext("/token",
					(exchange) -> respond(exchange, new AtomicInteger(),
							"{\"access_token\":\"opaque\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"id_token\":\""
									+ idToken() + "\"}"));
			this.server.start();
		}

		String issuer() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		private String idToken() {
			try {
				SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("forger-key").build(),
						new JWTClaimsSet.Builder().issuer(issuer())
							.subject("forged-user")
							.audience("app-client")
							.claim("nonce", this.nonce)
							.issueTime(new Date())
							.expirationTime(new Date(System.currentTimeMillis() + 600_000))
							.build());
				token.sign(new RSASSASigner(this.signWithPublishedKey ? this.published : this.other));
				return token.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static void respond(HttpExchange exchange, AtomicInteger requests, String json) throws IOException {
			requests.incrementAndGet();
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

	private EndUsers projectWithProvider(String ownerEmail) {
		EndUsers users = EndUsers.newProject(this.api, ownerEmail);
		Reply saved = users.admin(HttpMethod.PUT, "/providers/corp", Map.of("issuer",
				provider.issuerUrl("corp").toString(), "clientId", "app-client", "clientSecret", "app-secret"));
		assertThat(saved.status()).as("%s", saved.body()).isEqualTo(200);
		return users;
	}

	private static DefaultOAuth2TokenCallback identity(String subject, String email, boolean verified) {
		return new DefaultOAuth2TokenCallback("corp", subject, "JWT", List.of("app-client"),
				Map.of("email", email, "email_verified", verified), 3600);
	}

	private Reply authorize(EndUsers users) {
		return users.call(HttpMethod.POST, "/auth/v1/authorize", users.anonToken,
				Map.of("provider", "corp", "redirectTo", REDIRECT));
	}

	private Reply signIn(EndUsers users) throws Exception {
		Map<String, String> callback = followProvider(authorize(users).string("url"));
		return exchange(users, callback.get("code"), callback.get("state"));
	}

	private static Reply exchange(EndUsers users, String code, String state) {
		return users.call(HttpMethod.POST, "/auth/v1/token?grant_type=oidc", users.anonToken,
				Map.of("code", code, "state", state));
	}

	/** What the browser does: open the provider's URL and read where it redirects. */
	private Map<String, String> followProvider(String url) throws Exception {
		HttpResponse<String> response = this.browser.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(REDIRECT);
		return UriComponentsBuilder.fromUriString(location).build().getQueryParams().toSingleValueMap();
	}

}
