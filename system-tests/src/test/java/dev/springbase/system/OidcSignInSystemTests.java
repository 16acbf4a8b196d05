package dev.springbase.system;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.util.UriComponentsBuilder;

import dev.springbase.system.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in with an OpenID Connect provider through the gateway, the provider being a real
 * one on a free port (mock-oauth2-server) that the auth service process calls. Its issuer
 * {@value #FORGER} signs ID tokens with a key its JWKS never shows.
 */
class OidcSignInSystemTests {

	private static final String REDIRECT = "https://app.example/callback";

	private static final String FORGER = "forger";

	private static final MockOAuth2Server provider = new MockOAuth2Server(
			new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(new ForgingKeys())));

	private final Api api = Api.gateway();

	private final Browser browser = new Browser();

	private String publishableKey;

	private String secretKey;

	@BeforeAll
	static void startProvider() {
		provider.start(0);
	}

	@AfterAll
	static void stopProvider() {
		provider.shutdown();
	}

	@BeforeEach
	void projectWithProvider() {
		String admin = this.api.adminToken();
		String projectId = this.api.createProject(admin, "OIDC", List.of());
		this.publishableKey = this.api.createKey(admin, projectId, "publishable").string("key");
		this.secretKey = this.api.createKey(admin, projectId, "secret").string("key");
		for (String issuer : List.of("corp", FORGER)) {
			this.api.call("PUT", "/auth/v1/projects/" + projectId + "/providers/" + issuer)
				.bearer(admin)
				.json(Map.of("issuer", provider.issuerUrl(issuer).toString(), "clientId", "app-client", "clientSecret",
						"app-secret"))
				.send()
				.expectStatus(200);
		}
	}

	@Test
	void signsInWithTheProviderAndRefusesAForgedState() {
		String email = "oidc-" + System.nanoTime() + "@system.test";
		Map<String, String> callback = authorizeAs(null, "corp-42", email);

		Response forged = exchange(Map.of("code", callback.get("code"), "state", "forged"));
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.code()).isEqualTo("auth.oidc_state_invalid");
		assertThat(usersWithEmail(email)).isEmpty();
		Response signedIn = exchange(callback);
		signedIn.expectStatus(200);
		assertThat(signedIn.object("user")).containsEntry("email", email);
		this.api.get("/auth/v1/user")
			.apikey(this.publishableKey)
			.bearer(signedIn.string("accessToken"))
			.send()
			.expectStatus(200);
		Response replayed = exchange(callback);
		assertThat(replayed.status()).as("a state is single-use").isEqualTo(401);
		assertThat(replayed.code()).isEqualTo("auth.oidc_state_invalid");
	}

	@Test
	void sendsTheVerifierOfThePkceChallengeItStartedWith() {
		String email = "pkce-" + System.nanoTime() + "@system.test";
		provider.enqueueCallback(callback("corp", "corp-pkce", Map.of("email", email, "email_verified", true)));
		String url = start("corp", null);
		Map<String, String> authorization = UriComponentsBuilder.fromUriString(url)
			.build()
			.getQueryParams()
			.toSingleValueMap();
		assertThat(authorization).containsEntry("code_challenge_method", "S256").containsKey("code_challenge");
		Map<String, String> redirect = this.browser.followRedirect(url, REDIRECT);
		exchange(redirect).expectStatus(200);

		Map<String, String> tokenRequest = tokenRequestWithCode(redirect.get("code"));
		CodeVerifier verifier = new CodeVerifier(tokenRequest.get("code_verifier"));
		assertThat(CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue())
			.isEqualTo(authorization.get("code_challenge"));
	}

	@Test
	void refusesAnIdTokenForAnotherNonceAndCreatesNoUser() {
		String email = "nonce-" + System.nanoTime() + "@system.test";
		provider.enqueueCallback(callback("corp", "corp-replayed",
				Map.of("email", email, "email_verified", true, "nonce", "a nonce of another sign-in")));
		Response refused = exchange(this.browser.followRedirect(start("corp", null), REDIRECT));
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.code()).isEqualTo("auth.oidc_rejected");
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(usersWithEmail(email)).isEmpty();
	}

	@Test
	void refusesAnIdTokenNotSignedByTheProvidersKeyAndCreatesNoUser() {
		String email = "forged-" + System.nanoTime() + "@system.test";
		provider.enqueueCallback(callback(FORGER, "forged-user", Map.of("email", email, "email_verified", true)));
		Response refused = exchange(this.browser.followRedirect(start(FORGER, null), REDIRECT));
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.code()).isEqualTo("auth.oidc_rejected");
		assertThat(refused.string("detail")).contains("signature");
		assertThat(usersWithEmail(email)).isEmpty();
	}

	@Test
	void anAnonymousUserLinksTheProviderAccountAndKeepsItsId() {
		Response anonymous = signUpAnonymously();
		String anonymousId = anonymous.object("user").get("id").toString();
		String subject = "corp-" + System.nanoTime();
		String email = subject + "@system.test";

		Response linked = exchange(authorizeAs(anonymous.string("accessToken"), subject, email));
		linked.expectStatus(200);
		assertThat(linked.object("user")).containsEntry("id", anonymousId)
			.containsEntry("anonymous", false)
			.containsEntry("email", email);
		Response signedIn = exchange(authorizeAs(null, subject, email));
		assertThat(signedIn.expectStatus(200).object("user")).as("the provider account now signs in as that user")
			.containsEntry("id", anonymousId);

		Response other = signUpAnonymously();
		Response refused = exchange(authorizeAs(other.string("accessToken"), subject, email));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("auth.identity_already_linked");
		assertThat(refused.contentType()).startsWith("application/problem+json");
		Response stillAnonymous = this.api.get("/auth/v1/user")
			.apikey(this.publishableKey)
			.bearer(other.string("accessToken"))
			.send()
			.expectStatus(200);
		assertThat(stillAnonymous.json()).containsEntry("anonymous", true);
	}

	/**
	 * Starts a sign-in, as the signed-in user when a token is given, and brings back what
	 * the provider sends to the redirect URI after the subject signed in there.
	 */
	private Map<String, String> authorizeAs(String userToken, String subject, String email) {
		provider.enqueueCallback(callback("corp", subject, Map.of("email", email, "email_verified", true)));
		return this.browser.followRedirect(start("corp", userToken), REDIRECT);
	}

	/** What the provider puts in the next ID token it issues: these claims on top. */
	private static DefaultOAuth2TokenCallback callback(String issuer, String subject, Map<String, Object> claims) {
		return new DefaultOAuth2TokenCallback(issuer, subject, "JWT", List.of("app-client"), claims, 3600);
	}

	/**
	 * Starts a sign-in, as the signed-in user when a token is given: the provider URL.
	 */
	private String start(String providerName, String userToken) {
		Api.Call authorize = this.api.post("/auth/v1/authorize").apikey(this.publishableKey);
		if (userToken != null) {
			authorize.bearer(userToken);
		}
		return authorize.json(Map.of("provider", providerName, "redirectTo", REDIRECT))
			.send()
			.expectStatus(200)
			.string("url");
	}

	/**
	 * The form the auth service posted to the provider's token endpoint with the code.
	 */
	private static Map<String, String> tokenRequestWithCode(String code) {
		while (true) {
			RecordedRequest request = provider.takeRequest(10, TimeUnit.SECONDS);
			assertThat(request).as("a token request with the code").isNotNull();
			if (request.getPath() != null && request.getPath().endsWith("/token")) {
				Map<String, String> form = UriComponentsBuilder.newInstance()
					.query(request.getBody().readUtf8())
					.build(true)
					.getQueryParams()
					.toSingleValueMap();
				if (code.equals(form.get("code"))) {
					return form;
				}
			}
		}
	}

	private List<Map<String, Object>> usersWithEmail(String email) {
		return this.api.get("/auth/v1/admin/users?email=" + email)
			.apikey(this.secretKey)
			.send()
			.expectStatus(200)
			.items();
	}

	private Response exchange(Map<String, String> callback) {
		return this.api.post("/auth/v1/token?grant_type=oidc")
			.apikey(this.publishableKey)
			.json(Map.of("code", callback.get("code"), "state", callback.get("state")))
			.send();
	}

	private Response signUpAnonymously() {
		return this.api.post("/auth/v1/signup").apikey(this.publishableKey).json(Map.of()).send().expectStatus(200);
	}

	/**
	 * The provider's keys, except that the {@value #FORGER} issuer hands out another key
	 * each time one is asked for: its JWKS shows one key and its tokens are signed with
	 * others under the same key id, as a forger's would be.
	 */
	private static final class ForgingKeys extends KeyProvider {

		/**
		 * More than one sign-in asks for (two tokens, the JWKS, a refetch of it), so no
		 * two of them get the same key; made ahead, since making an RSA key while the
		 * auth service waits for the JWKS may outlast its read timeout.
		 */
		private final List<JWK> forgerKeys = Stream.generate(ForgingKeys::newKey).limit(5).toList();

		private final AtomicInteger handedOut = new AtomicInteger();

		@Override
		public JWK signingKey(String issuerId) {
			if (!FORGER.equals(issuerId)) {
				return super.signingKey(issuerId);
			}
			return this.forgerKeys.get(this.handedOut.getAndIncrement() % this.forgerKeys.size());
		}

		private static JWK newKey() {
			try {
				return new RSAKeyGenerator(2048).keyID(FORGER).generate();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
