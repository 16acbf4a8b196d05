package dev.springbase.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.springbase.system.Api.Response;
import dev.springbase.testsupport.providers.AppleStandIn;
import dev.springbase.testsupport.providers.GitHubStandIn;
import dev.springbase.testsupport.providers.ProviderStandIns;

import static dev.springbase.testsupport.providers.ProviderStandIns.apple;
import static dev.springbase.testsupport.providers.ProviderStandIns.github;
import static dev.springbase.testsupport.providers.ProviderStandIns.google;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Google, GitHub and Apple presets through the gateway: a console developer sets each
 * one up with only its credentials, and users sign in at the local stand-ins that the
 * stack's preset settings point at ({@link ProviderStandIns}), which check what the auth
 * service process sends them.
 */
class ProviderPresetsSystemTests {

	private static final String REDIRECT = "https://app.example/callback";

	private final Api api = Api.gateway();

	private final Browser browser = new Browser();

	private String projectId;

	private String developer;

	private String publishableKey;

	@BeforeEach
	void project() {
		String admin = this.api.adminToken();
		this.projectId = this.api.createProject(admin, "Presets", List.of());
		this.developer = this.api.createMember(admin, this.projectId, "developer");
		this.publishableKey = this.api.createKey(admin, this.projectId, "publishable").string("key");
	}

	@Test
	void googleIsSetUpWithItsCredentialsAndSignsInAtItsIssuer() {
		Response saved = saveProvider("google",
				Map.of("type", "google", "clientId", "google-client", "clientSecret", "google-secret"));
		saved.expectStatus(200);
		assertThat(saved.json()).containsEntry("type", "google")
			.containsEntry("issuer", ProviderStandIns.googleIssuer())
			.containsEntry("scopes", "openid email profile")
			.doesNotContainKey("clientSecret");
		String email = "google-" + System.nanoTime() + "@system.test";
		google.enqueueCallback(new DefaultOAuth2TokenCallback("google", "g-" + System.nanoTime(), "JWT",
				List.of("google-client"), Map.of("email", email, "email_verified", true), 3600));

		String url = authorize("google", null).string("url");
		assertThat(url).startsWith(google.authorizationEndpointUrl("google").toString())
			.contains("code_challenge_method=S256");
		Map<String, String> callback = this.browser.followRedirect(url, REDIRECT);
		Response forged = exchange(Map.of("code", callback.get("code"), "state", "forged"));
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.code()).isEqualTo("auth.oidc_state_invalid");

		Response signedIn = exchange(callback);
		signedIn.expectStatus(200);
		assertThat(signedIn.object("user")).containsEntry("email", email);
	}

	@Test
	void gitHubSignsInWithPkceAndAnAnonymousUserLinksItKeepingItsId() {
		saveGitHub(GitHubStandIn.CLIENT_SECRET).expectStatus(200);
		Response anonymous = this.api.post("/auth/v1/signup")
			.apikey(this.publishableKey)
			.json(Map.of())
			.send()
			.expectStatus(200);
		long githubId = System.nanoTime();
		String email = "octo-" + githubId + "@system.test";
		github.nextUser(githubId, List.of(GitHubStandIn.email(email, true, true)));

		String url = authorize("github", anonymous.string("accessToken")).string("url");
		assertThat(url).startsWith(github.baseUrl() + "/login/oauth/authorize?")
			.contains("code_challenge_method=S256", "client_id=" + GitHubStandIn.CLIENT_ID);
		Response linked = exchange(this.browser.followRedirect(url, REDIRECT));
		linked.expectStatus(200);
		assertThat(linked.object("user")).containsEntry("id", anonymous.object("user").get("id"))
			.containsEntry("anonymous", false)
			.containsEntry("email", email);
		this.api.get("/storage/v1/whoami")
			.apikey(this.publishableKey)
			.bearer(linked.string("accessToken"))
			.send()
			.expectStatus(200);

		github.nextUser(githubId, List.of(GitHubStandIn.email(email, true, true)));
		Response signedIn = exchange(this.browser.followRedirect(authorize("github", null).string("url"), REDIRECT));
		assertThat(signedIn.expectStatus(200).object("user")).containsEntry("id", anonymous.object("user").get("id"));
	}

	@Test
	void gitHubRefusesAnotherSignInsVerifierAndTheWrongClientSecret() {
		saveGitHub(GitHubStandIn.CLIENT_SECRET).expectStatus(200);
		github.nextUser(System.nanoTime(), List.of(GitHubStandIn.email("refused@system.test", true, true)));
		Map<String, String> first = this.browser.followRedirect(authorize("github", null).string("url"), REDIRECT);
		Map<String, String> second = this.browser.followRedirect(authorize("github", null).string("url"), REDIRECT);
		Response swapped = exchange(Map.of("code", first.get("code"), "state", second.get("state")));
		assertThat(swapped.status()).as("GitHub checks the PKCE verifier against the code's challenge").isEqualTo(401);
		assertThat(swapped.code()).isEqualTo("auth.oidc_rejected");

		saveGitHub("not-the-secret").expectStatus(200);
		Response refused = exchange(this.browser.followRedirect(authorize("github", null).string("url"), REDIRECT));

		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.code()).isEqualTo("auth.oidc_rejected");
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(this.api.get("/auth/v1/projects/" + this.projectId + "/users")
			.bearer(this.developer)
			.send()
			.expectStatus(200)
			.items()).isEmpty();
	}

	@Test
	void appleSignsInWithAClientSecretSignedByTheDevelopersKey() throws Exception {
		Response saved = saveProvider("apple", appleSettings(apple.privateKeyPem()));
		saved.expectStatus(200);
		assertThat(saved.json()).containsEntry("type", "apple")
			.containsEntry("issuer", apple.issuer())
			.containsEntry("teamId", AppleStandIn.TEAM_ID)
			.containsEntry("keyId", AppleStandIn.KEY_ID)
			.doesNotContainKey("privateKey");
		String email = "apple-" + System.nanoTime() + "@privaterelay.appleid.com";
		apple.nextUser("apple-" + System.nanoTime(), email);

		String url = authorize("apple", null).string("url");
		assertThat(url).contains("response_mode=form_post");
		Response signedIn = exchange(this.browser.followFormPost(url, REDIRECT));

		signedIn.expectStatus(200);
		assertThat(signedIn.object("user")).as("email_verified came as the string \"true\"")
			.containsEntry("email", email);
		JWTClaimsSet secret = apple.lastClientSecret();
		assertThat(secret).isNotNull();
		assertThat(secret.getSubject()).isEqualTo(AppleStandIn.CLIENT_ID);
		assertThat(Duration.between(secret.getIssueTime().toInstant(), secret.getExpirationTime().toInstant()))
			.isLessThanOrEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void appleRefusesAClientSecretSignedWithAnotherKey() throws Exception {
		String otherKey = AppleStandIn.pem(new ECKeyGenerator(Curve.P_256).generate().toECPrivateKey().getEncoded());
		saveProvider("apple", appleSettings(otherKey)).expectStatus(200);
		apple.nextUser("apple-" + System.nanoTime(), "wrong-key@system.test");

		Response refused = exchange(this.browser.followFormPost(authorize("apple", null).string("url"), REDIRECT));

		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.code()).isEqualTo("auth.oidc_rejected");
		assertThat(refused.string("detail")).contains("invalid_client");
	}

	@Test
	void settingsThatDoNotFitThePresetOrComeFromAViewerAreRefused() {
		Response withoutKey = saveProvider("apple", Map.of("type", "apple", "clientId", AppleStandIn.CLIENT_ID,
				"teamId", AppleStandIn.TEAM_ID, "keyId", AppleStandIn.KEY_ID));
		assertThat(withoutKey.status()).isEqualTo(400);
		assertThat(withoutKey.code()).isEqualTo("auth.provider_field_missing");
		assertThat(withoutKey.json()).containsEntry("field", "privateKey");
		Response withIssuer = saveProvider("google",
				Map.of("type", "google", "clientId", "x", "clientSecret", "y", "issuer", "https://elsewhere.example"));
		assertThat(withIssuer.code()).isEqualTo("auth.provider_field_unexpected");
		saveGitHub(GitHubStandIn.CLIENT_SECRET).expectStatus(200);
		Response retyped = saveProvider("github", Map.of("type", "google", "clientId", "x", "clientSecret", "y"));
		assertThat(retyped.status()).isEqualTo(409);
		assertThat(retyped.code()).isEqualTo("auth.provider_type_changed");

		String viewer = this.api.createMember(this.api.adminToken(), this.projectId, "viewer");
		Response byViewer = this.api.call("PUT", "/auth/v1/projects/" + this.projectId + "/providers/google")
			.bearer(viewer)
			.json(Map.of("type", "google", "clientId", "x", "clientSecret", "y"))
			.send();
		assertThat(byViewer.status()).isEqualTo(403);
		assertThat(byViewer.code()).isEqualTo("auth.role_insufficient");
		assertThat(this.api.get("/auth/v1/projects/" + this.projectId + "/providers")
			.bearer(this.developer)
			.send()
			.expectStatus(200)
			.items()).singleElement().satisfies((provider) -> assertThat(provider).containsEntry("type", "github"));
	}

	private Response saveProvider(String name, Map<String, Object> settings) {
		return this.api.call("PUT", "/auth/v1/projects/" + this.projectId + "/providers/" + name)
			.bearer(this.developer)
			.json(settings)
			.send();
	}

	private Response saveGitHub(String clientSecret) {
		return saveProvider("github",
				Map.of("type", "github", "clientId", GitHubStandIn.CLIENT_ID, "clientSecret", clientSecret));
	}

	private static Map<String, Object> appleSettings(String privateKey) {
		return Map.of("type", "apple", "clientId", AppleStandIn.CLIENT_ID, "teamId", AppleStandIn.TEAM_ID, "keyId",
				AppleStandIn.KEY_ID, "privateKey", privateKey);
	}

	/**
	 * Starts a sign-in with the provider, as the signed-in user when a token is given.
	 */
	private Response authorize(String provider, String userToken) {
		Api.Call call = this.api.post("/auth/v1/authorize").apikey(this.publishableKey);
		if (userToken != null) {
			call.bearer(userToken);
		}
		return call.json(Map.of("provider", provider, "redirectTo", REDIRECT)).send().expectStatus(200);
	}

	private Response exchange(Map<String, String> callback) {
		return this.api.post("/auth/v1/token?grant_type=oidc")
			.apikey(this.publishableKey)
			.json(Map.of("code", callback.get("code"), "state", callback.get("state")))
			.send();
	}

}
