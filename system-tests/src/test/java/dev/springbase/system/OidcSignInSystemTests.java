package dev.springbase.system;

import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.springbase.system.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in with an OpenID Connect provider through the gateway, the provider being a real
 * one on a free port (mock-oauth2-server) that the auth service process calls.
 */
class OidcSignInSystemTests {

	private static final String REDIRECT = "https://app.example/callback";

	private static final MockOAuth2Server provider = new MockOAuth2Server();

	private final Api api = Api.gateway();

	private final Browser browser = new Browser();

	private String publishableKey;

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
		this.api.call("PUT", "/auth/v1/projects/" + projectId + "/providers/corp")
			.bearer(admin)
			.json(Map.of("issuer", provider.issuerUrl("corp").toString(), "clientId", "app-client", "clientSecret",
					"app-secret"))
			.send()
			.expectStatus(200);
	}

	@Test
	void signsInWithTheProviderAndRefusesAForgedState() {
		String email = "oidc-" + System.nanoTime() + "@system.test";
		Map<String, String> callback = authorizeAs(null, "corp-42", email);

		Response forged = exchange(Map.of("code", callback.get("code"), "state", "forged"));
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.code()).isEqualTo("auth.oidc_state_invalid");
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
		provider.enqueueCallback(new DefaultOAuth2TokenCallback("corp", subject, "JWT", List.of("app-client"),
				Map.of("email", email, "email_verified", true), 3600));
		Api.Call authorize = this.api.post("/auth/v1/authorize").apikey(this.publishableKey);
		if (userToken != null) {
			authorize.bearer(userToken);
		}
		String url = authorize.json(Map.of("provider", "corp", "redirectTo", REDIRECT))
			.send()
			.expectStatus(200)
			.string("url");
		return this.browser.followRedirect(url, REDIRECT);
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

}
