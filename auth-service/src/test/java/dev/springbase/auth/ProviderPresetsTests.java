package dev.springbase.auth;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

import dev.springbase.auth.TestApi.Reply;
import dev.springbase.testsupport.providers.AppleStandIn;
import dev.springbase.testsupport.providers.GitHubStandIn;
import dev.springbase.testsupport.providers.ProviderStandIns;

import static dev.springbase.testsupport.providers.ProviderStandIns.apple;
import static dev.springbase.testsupport.providers.ProviderStandIns.github;
import static dev.springbase.testsupport.providers.ProviderStandIns.google;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Google, GitHub and Apple presets, each against a local stand-in that speaks the
 * provider's protocol and checks what it receives ({@link ProviderStandIns}). The service
 * finds them through the preset base URL settings.
 */
class ProviderPresetsTests extends AuthServiceTests {

	private static final String REDIRECT = "https://app.example/callback";

	private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@DynamicPropertySource
	static void presets(DynamicPropertyRegistry registry) {
		ProviderStandIns.presetSettings().forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void googleSignsInAtItsIssuerWithPkceAndTheClientSecret() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "google-owner@test.local");
		Reply saved = users.call(HttpMethod.PUT, "/auth/v1/projects/" + users.projectId + "/providers/google",
				users.ownerToken,
				Map.of("type", "google", "clientId", "google-client", "clientSecret", "google-secret"));
		assertThat(saved.status()).as("%s", saved.body()).isEqualTo(200);
		assertThat(saved.body()).containsEntry("type", "google")
			.containsEntry("issuer", google.issuerUrl("google").toString())
			.containsEntry("scopes", "openid email profile");
		while (next(google, 10) != null) {
			// What earlier tests left in the stand-in's log.
		}

		google.enqueueCallback(new DefaultOAuth2TokenCallback("google", "1098765432", "JWT", List.of("google-client"),
				Map.of("email", "ann@gmail.example", "email_verified", true), 3600));
		Reply started = authorize(users, "google", users.anonToken);
		Map<String, String> query = queryOf(started.string("url"));
		assertThat(started.string("url")).startsWith(google.authorizationEndpointUrl("google").toString());
		assertThat(query).containsEntry("scope", "openid email profile")
			.containsEntry("client_id", "google-client")
			.containsEntry("code_challenge_method", "S256")
			.containsKeys("code_challenge", "state", "nonce");
		Map<String, String> callback = followRedirect(started.string("url"));
		Reply signedIn = exchange(users, callback);

		assertThat(signedIn.status()).as("%s", signedIn.body()).isEqualTo(200);
		assertThat(TestApi.claims(signedIn.string("accessToken"))).containsEntry("email", "ann@gmail.example");
		RecordedRequest tokenRequest = recorded(google, "/google/token");
		assertThat(tokenRequest.getHeader("Authorization"))
			.isEqualTo("Basic " + Base64.getEncoder().encodeToString("google-client:google-secret".getBytes()));
		assertThat(tokenRequest.getBody().readUtf8()).contains("code_verifier=", "grant_type=authorization_code");
	}

	@Test
	void gitHubSignsInWithPkceAndLinksTheUserOfItsPrimaryVerifiedEmail() throws Exception {
		EndUsers users = projectWithGitHub("github-owner@test.local");
		Reply existing = users.admin(HttpMethod.POST, "/users",
				Map.of("email", "octo@example.com", "password", EndUsers.PASSWORD, "emailConfirmed", true));
		github.nextUser(583231, List.of(GitHubStandIn.email("octo-old@example.com", false, true),
				GitHubStandIn.email("octo@example.com", true, true)));

		Reply started = authorize(users, "github", users.anonToken);
		assertThat(started.string("url")).startsWith(github.baseUrl() + "/login/oauth/authorize?");
		assertThat(queryOf(started.string("url"))).containsEntry("scope", "read:user user:email")
			.containsEntry("client_id", GitHubStandIn.CLIENT_ID)
			.containsEntry("code_challenge_method", "S256")
			.containsEntry("redirect_uri", REDIRECT)
			.containsKeys("code_challenge", "state");
		Reply signedIn = exchange(users, followRedirect(started.string("url")));

		assertThat(signedIn.status()).as("%s", signedIn.body()).isEqualTo(200);
		assertThat(EndUsers.userId(signedIn)).isEqualTo(existing.string("id"));
		// The numeric id is the identity: a changed email still finds the same user.
		github.nextUser(583231, List.of(GitHubStandIn.email("octo-new@example.com", true, true)));
		assertThat(EndUsers.userId(signInWith(users, "github"))).isEqualTo(existing.string("id"));
	}

	@Test
	void gitHubWithoutAPrimaryVerifiedEmailMakesAUserWithoutEmail() throws Exception {
		EndUsers users = projectWithGitHub("github-unverified-owner@test.local");
		String local = EndUsers.userId(users.newUser("unverified@example.com"));

		github.nextUser(1001, List.of(GitHubStandIn.email("unverified@example.com", true, false),
				GitHubStandIn.email("other@example.com", false, true)));
		Reply unverified = signInWith(users, "github");
		assertThat(unverified.status()).as("%s", unverified.body()).isEqualTo(200);
		assertThat(EndUsers.userId(unverified)).isNotEqualTo(local);
		assertThat(user(unverified)).containsEntry("email", null);

		github.nextUser(1002, List.of());
		Reply none = signInWith(users, "github");
		assertThat(none.status()).as("%s", none.body()).isEqualTo(200);
		assertThat(EndUsers.userId(none)).isNotIn(local, EndUsers.userId(unverified));
		assertThat(user(none)).containsEntry("email", null);
		assertThat(users.signIn("unverified@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void gitHubRefusesAnotherSignInsVerifierAndWrongClientCredentials() throws Exception {
		EndUsers users = projectWithGitHub("github-refused-owner@test.local");
		github.nextUser(2001, List.of(GitHubStandIn.email("refused@example.com", true, true)));
		Map<String, String> first = followRedirect(authorize(users, "github", users.anonToken).string("url"));
		Map<String, String> second = followRedirect(authorize(users, "github", users.anonToken).string("url"));

		Reply swapped = exchange(users, Map.of("code", first.get("code"), "state", second.get("state")));
		assertThat(swapped.status()).isEqualTo(401);
		assertThat(swapped.code()).isEqualTo("auth.oidc_rejected");

		users.admin(HttpMethod.PUT, "/providers/github",
				Map.of("type", "github", "clientId", GitHubStandIn.CLIENT_ID, "clientSecret", "not-the-secret"));
		Reply badSecret = signInWith(users, "github");
		assertThat(badSecret.status()).isEqualTo(401);
		assertThat(badSecret.code()).isEqualTo("auth.oidc_rejected");
		assertThat(users.admin(HttpMethod.GET, "/users", null).items()).isEmpty();
	}

	@Test
	void anAnonymousUserLinksGitHubAndKeepsItsId() throws Exception {
		EndUsers users = projectWithGitHub("github-anon-owner@test.local");
		Reply anonymous = users.signUpAnonymously();
		github.nextUser(3001, List.of(GitHubStandIn.email("anon-upgraded@example.com", true, true)));

		Reply started = authorize(users, "github", anonymous.string("accessToken"));
		Reply linked = exchange(users, followRedirect(started.string("url")));

		assertThat(linked.status()).as("%s", linked.body()).isEqualTo(200);
		assertThat(EndUsers.userId(linked)).isEqualTo(EndUsers.userId(anonymous));
		assertThat(TestApi.claims(linked.string("accessToken"))).containsEntry("is_anonymous", false)
			.containsEntry("email", "anon-upgraded@example.com");
	}

	@Test
	void appleSignsInWithAClientSecretSignedByTheDevelopersKey() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "apple-owner@test.local");
		Reply saved = users.admin(HttpMethod.PUT, "/providers/apple", appleSettings(apple.privateKeyPem()));
		assertThat(saved.status()).as("%s", saved.body()).isEqualTo(200);
		assertThat(saved.body()).containsEntry("type", "apple")
			.containsEntry("issuer", apple.issuer())
			.containsEntry("teamId", AppleStandIn.TEAM_ID)
			.containsEntry("keyId", AppleStandIn.KEY_ID)
			.containsEntry("scopes", "openid email name");
		apple.nextUser("001122.apple-user", "ann@privaterelay.appleid.com");

		Reply started = authorize(users, "apple", users.anonToken);
		assertThat(queryOf(started.string("url"))).containsEntry("response_mode", "form_post")
			.containsEntry("scope", "openid email name")
			.containsEntry("code_challenge_method", "S256");
		Reply signedIn = exchange(users, followFormPost(started.string("url")));

		assertThat(signedIn.status()).as("%s", signedIn.body()).isEqualTo(200);
		assertThat(TestApi.claims(signedIn.string("accessToken"))).as("email_verified came as the string \"true\"")
			.containsEntry("email", "ann@privaterelay.appleid.com");
		JWTClaimsSet secret = apple.lastClientSecret();
		assertThat(secret).isNotNull();
		assertThat(Duration.between(secret.getIssueTime().toInstant(), secret.getExpirationTime().toInstant()))
			.isLessThanOrEqualTo(Duration.ofMinutes(10));
		apple.nextUser("001122.apple-user", "ann@privaterelay.appleid.com");
		assertThat(EndUsers.userId(signInWith(users, "apple"))).isEqualTo(EndUsers.userId(signedIn));
	}

	@Test
	void appleRefusesAClientSecretSignedWithAnotherKeyAndNobodySignsIn() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "apple-wrong-key-owner@test.local");
		String otherKey = AppleStandIn.pem(new ECKeyGenerator(Curve.P_256).generate().toECPrivateKey().getEncoded());
		assertThat(users.admin(HttpMethod.PUT, "/providers/apple", appleSettings(otherKey)).status()).isEqualTo(200);
		apple.nextUser("003344.apple-user", "wrong-key@example.com");

		Reply refused = signInWith(users, "apple");

		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.code()).isEqualTo("auth.oidc_rejected");
		assertThat(refused.body().get("detail").toString()).contains("invalid_client");
		assertThat(users.admin(HttpMethod.GET, "/users", null).items()).isEmpty();
	}

	@Test
	void refusesSettingsThatDoNotFitTheTypeAndStoresNothing() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "presets-invalid-owner@test.local");
		String pem = apple.privateKeyPem();
		KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
		rsa.initialize(2048);
		String rsaPem = AppleStandIn.pem(rsa.generateKeyPair().getPrivate().getEncoded());
		Map<String, Object> withoutKey = new HashMap<>(appleSettings(pem));
		withoutKey.remove("privateKey");
		Map<String, Object> withSecret = new HashMap<>(appleSettings(pem));
		withSecret.put("clientSecret", "apple-has-no-fixed-secret");

		assertRefused(users, Map.of("type", "facebook", "clientId", "x", "clientSecret", "y"),
				"auth.provider_type_unknown", "type");
		assertRefused(users, withoutKey, "auth.provider_field_missing", "privateKey");
		assertRefused(users, withSecret, "auth.provider_field_unexpected", "clientSecret");
		assertRefused(users, appleSettings("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----"),
				"auth.provider_private_key_invalid", "privateKey");
		assertRefused(users, appleSettings(pem.replace("PRIVATE KEY", "EC PRIVATE KEY")),
				"auth.provider_private_key_invalid", "privateKey");
		assertRefused(users, appleSettings(rsaPem), "auth.provider_private_key_invalid", "privateKey");
		assertRefused(users, Map.of("type", "github", "clientId", "x"), "auth.provider_field_missing", "clientSecret");
		assertRefused(users,
				Map.of("type", "google", "clientId", "x", "clientSecret", "y", "issuer", "https://elsewhere.example"),
				"auth.provider_field_unexpected", "issuer");
		assertRefused(users, Map.of("clientId", "x", "clientSecret", "y"), "auth.provider_field_missing", "issuer");
		Map<String, Object> badTeam = new HashMap<>(appleSettings(pem));
		badTeam.put("teamId", "AuthKey_ABC.p8");
		Reply malformed = users.admin(HttpMethod.PUT, "/providers/apple", badTeam);
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.code()).isEqualTo("request.validation_failed");
		assertThat(users.admin(HttpMethod.GET, "/providers", null).items()).isEmpty();

		// A provider keeps its type: accounts linked to it are accounts of that provider.
		assertThat(users
			.admin(HttpMethod.PUT, "/providers/social", Map.of("type", "github", "clientId", "x", "clientSecret", "y"))
			.status()).isEqualTo(200);
		Reply retyped = users.admin(HttpMethod.PUT, "/providers/social",
				Map.of("type", "google", "clientId", "x", "clientSecret", "y"));
		assertThat(retyped.status()).isEqualTo(409);
		assertThat(retyped.code()).isEqualTo("auth.provider_type_changed");
		assertThat(users.admin(HttpMethod.GET, "/providers", null).items()).singleElement()
			.satisfies((provider) -> assertThat(provider).containsEntry("type", "github"));
	}

	@Test
	void secretsAndPrivateKeysAppearInNoAnswer() throws Exception {
		EndUsers users = projectWithGitHub("presets-secret-owner@test.local");
		String pem = apple.privateKeyPem();
		String keyBody = pem.lines().skip(1).findFirst().orElseThrow();
		List<Reply> answers = new ArrayList<>();
		answers.add(users.admin(HttpMethod.PUT, "/providers/apple", appleSettings(pem)));
		answers.add(users.admin(HttpMethod.GET, "/providers", null));
		answers.add(users.call(HttpMethod.GET, "/auth/v1/projects/" + users.projectId + "/providers", users.ownerToken,
				null));

		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.body().toString()).doesNotContain(keyBody, GitHubStandIn.CLIENT_SECRET, "privateKey",
					"clientSecret", "Ciphertext");
		});
		assertThat(answers.get(1).items()).extracting((provider) -> provider.get("type"))
			.containsExactly("apple", "github");
	}

	@Test
	void anotherProjectsKeyCannotUseTheProvider() throws Exception {
		EndUsers users = projectWithGitHub("presets-isolation-owner@test.local");
		EndUsers other = EndUsers.newProject(this.api, "presets-isolation-other@test.local");
		github.nextUser(4001, List.of(GitHubStandIn.email("isolated@example.com", true, true)));
		Map<String, String> callback = followRedirect(authorize(users, "github", users.anonToken).string("url"));

		Reply notThere = authorize(other, "github", other.anonToken);
		assertThat(notThere.status()).isEqualTo(404);
		assertThat(notThere.code()).isEqualTo("auth.provider_not_found");
		Reply elsewhere = exchange(other, callback);
		assertThat(elsewhere.status()).isEqualTo(401);
		assertThat(elsewhere.code()).isEqualTo("auth.oidc_state_invalid");
		assertThat(other.admin(HttpMethod.GET, "/providers", null).items()).isEmpty();
		Reply console = other.call(HttpMethod.GET, "/auth/v1/projects/" + users.projectId + "/providers",
				other.ownerToken, null);
		assertThat(console.status()).isEqualTo(404);

		Reply own = exchange(users, callback);
		assertThat(own.status()).as("the other project's attempt did not use the sign-in up").isEqualTo(200);
	}

	private EndUsers projectWithGitHub(String ownerEmail) {
		EndUsers users = EndUsers.newProject(this.api, ownerEmail);
		Reply saved = users.admin(HttpMethod.PUT, "/providers/github", Map.of("type", "github", "clientId",
				GitHubStandIn.CLIENT_ID, "clientSecret", GitHubStandIn.CLIENT_SECRET));
		assertThat(saved.status()).as("%s", saved.body()).isEqualTo(200);
		assertThat(saved.body()).containsEntry("type", "github")
			.containsEntry("issuer", github.baseUrl())
			.containsEntry("scopes", "read:user user:email");
		return users;
	}

	private static Map<String, Object> appleSettings(String privateKey) {
		return Map.of("type", "apple", "clientId", AppleStandIn.CLIENT_ID, "teamId", AppleStandIn.TEAM_ID, "keyId",
				AppleStandIn.KEY_ID, "privateKey", privateKey);
	}

	private static void assertRefused(EndUsers users, Map<String, Object> settings, String code, String field) {
		Reply refused = users.admin(HttpMethod.PUT, "/providers/refused", settings);
		assertThat(refused.status()).as("%s", refused.body()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo(code);
		assertThat(refused.body()).containsEntry("field", field);
	}

	private static Reply authorize(EndUsers users, String provider, String token) {
		return users.call(HttpMethod.POST, "/auth/v1/authorize", token,
				Map.of("provider", provider, "redirectTo", REDIRECT));
	}

	private Reply signInWith(EndUsers users, String provider) throws Exception {
		String url = authorize(users, provider, users.anonToken).string("url");
		return exchange(users, "apple".equals(provider) ? followFormPost(url) : followRedirect(url));
	}

	private static Reply exchange(EndUsers users, Map<String, String> callback) {
		return users.call(HttpMethod.POST, "/auth/v1/token?grant_type=oidc", users.anonToken,
				Map.of("code", callback.get("code"), "state", callback.get("state")));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> user(Reply tokens) {
		return (Map<String, Object>) tokens.body().get("user");
	}

	private static Map<String, String> queryOf(String url) {
		return UriComponentsBuilder.fromUriString(url)
			.build(true)
			.getQueryParams()
			.toSingleValueMap()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey,
					(entry) -> URLDecoder.decode(entry.getValue(), StandardCharsets.UTF_8)));
	}

	/** What the browser does: open the provider's URL and read where it redirects. */
	private Map<String, String> followRedirect(String url) throws Exception {
		HttpResponse<String> response = open(url);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(REDIRECT);
		return queryOf(location);
	}

	/** Apple posts the code to the redirect URI with a form the browser submits. */
	private Map<String, String> followFormPost(String url) throws Exception {
		HttpResponse<String> response = open(url);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("action=\"" + REDIRECT + "\"");
		Map<String, String> fields = new HashMap<>();
		Matcher input = Pattern.compile("name=\"(\\w+)\" value=\"([^\"]*)\"").matcher(response.body());
		while (input.find()) {
			fields.put(input.group(1), input.group(2));
		}
		return fields;
	}

	private HttpResponse<String> open(String url) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The request to the path the stand-in received since it was drained. */
	private static RecordedRequest recorded(MockOAuth2Server server, String path) {
		for (RecordedRequest request = next(server, 1000); request != null; request = next(server, 1000)) {
			if (path.equals(request.getPath())) {
				return request;
			}
		}
		throw new AssertionError("The stand-in received no request to " + path);
	}

	private static @Nullable RecordedRequest next(MockOAuth2Server server, long millis) {
		try {
			return server.takeRequest(millis, TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			// None arrived in time.
			return null;
		}
	}

}
