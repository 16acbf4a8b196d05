package dev.springbase.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriComponentsBuilder;

import dev.springbase.auth.TestApi.Reply;
import dev.springbase.testsupport.MovableClock;
import dev.springbase.testsupport.passkeys.SoftwarePasskey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkey challenges and provider sign-ins last as long as their settings say, timed
 * against a clock the tests move instead of waiting.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "springbase.auth.passkeys.challenge-ttl=45s", "springbase.auth.providers.flow-ttl=90s" })
@Import(MovableClock.Configuration.class)
class CeremonyExpiryTests extends AuthServiceTests {

	private static final Duration CHALLENGE_TTL = Duration.ofSeconds(45);

	private static final Duration FLOW_TTL = Duration.ofSeconds(90);

	private static final Duration A_SECOND = Duration.ofSeconds(1);

	private static final String SITE = "http://localhost:3000";

	private static final String REDIRECT = "https://app.example/callback";

	static final MockOAuth2Server provider = new MockOAuth2Server();

	static {
		provider.start(0);
	}

	@AfterAll
	static void stopProvider() {
		provider.shutdown();
	}

	@Autowired
	MovableClock clock;

	private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void passkeyChallengesAreAnsweredWithinTheirLifetimeAndRefusedAfterIt() {
		EndUsers users = EndUsers.newProject(this.api, "passkey-expiry-owner@test.local");
		String token = users.newUser("punctual@example.com").string("accessToken");
		SoftwarePasskey authenticator = new SoftwarePasskey(SITE);
		Reply inTime = registrationOptions(users, token);
		assertThat(inTime.body()).extractingByKey("publicKey")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.as("the browser is given the same time")
			.containsEntry("timeout", (int) CHALLENGE_TTL.toMillis());
		this.clock.advance(CHALLENGE_TTL.minus(A_SECOND));
		assertThat(register(users, token, authenticator, inTime).status()).isEqualTo(201);

		Reply lateRegistration = registrationOptions(users, token);
		Reply lateSignIn = signInOptions(users);
		this.clock.advance(CHALLENGE_TTL.plus(A_SECOND));
		Reply registered = register(users, token, new SoftwarePasskey(SITE), lateRegistration);
		assertThat(registered.status()).isEqualTo(401);
		assertThat(registered.code()).isEqualTo("auth.passkey_challenge_invalid");
		Reply signedIn = signIn(users, authenticator, lateSignIn);
		assertThat(signedIn.status()).isEqualTo(401);
		assertThat(signedIn.code()).isEqualTo("auth.passkey_challenge_invalid");
		assertThat(users.call(HttpMethod.GET, "/auth/v1/passkeys", token, null).items())
			.as("only the passkey registered in time")
			.hasSize(1);

		Reply fresh = signInOptions(users);
		this.clock.advance(CHALLENGE_TTL.minus(A_SECOND));
		assertThat(signIn(users, authenticator, fresh).status()).isEqualTo(200);
	}

	@Test
	void providerSignInsFinishWithinTheirLifetimeAndAreRefusedAfterItCreatingNoUser() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "provider-expiry-owner@test.local");
		Reply saved = users.admin(HttpMethod.PUT, "/providers/corp", Map.of("issuer",
				provider.issuerUrl("corp").toString(), "clientId", "app-client", "clientSecret", "app-secret"));
		assertThat(saved.status()).as("%s", saved.body()).isEqualTo(200);

		Map<String, String> late = followProvider(authorize(users));
		this.clock.advance(FLOW_TTL.plus(A_SECOND));
		Reply refused = exchange(users, late);
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.code()).isEqualTo("auth.oidc_state_invalid");
		assertThat(users.admin(HttpMethod.GET, "/users", null).items()).isEmpty();

		provider.enqueueCallback(identity("corp-in-time", "in-time@example.com"));
		Map<String, String> inTime = followProvider(authorize(users));
		this.clock.advance(FLOW_TTL.minus(A_SECOND));
		Reply signedIn = exchange(users, inTime);
		assertThat(signedIn.status()).as("%s", signedIn.body()).isEqualTo(200);
		assertThat(TestApi.claims(signedIn.string("accessToken"))).containsEntry("email", "in-time@example.com");
	}

	private static Reply registrationOptions(EndUsers users, String token) {
		Reply options = users.call(HttpMethod.POST, "/auth/v1/passkeys/register/options", token, null);
		assertThat(options.status()).as("%s", options.body()).isEqualTo(200);
		return options;
	}

	private static Reply register(EndUsers users, String token, SoftwarePasskey authenticator, Reply options) {
		return users.call(HttpMethod.POST, "/auth/v1/passkeys/register", token, authenticator.register(options.body()));
	}

	private static Reply signInOptions(EndUsers users) {
		Reply options = users.call(HttpMethod.POST, "/auth/v1/passkeys/authenticate/options", users.anonToken, null);
		assertThat(options.status()).as("%s", options.body()).isEqualTo(200);
		return options;
	}

	private static Reply signIn(EndUsers users, SoftwarePasskey authenticator, Reply options) {
		return users.call(HttpMethod.POST, "/auth/v1/token?grant_type=passkey", users.anonToken,
				Map.of("passkey", authenticator.assertion(options.body())));
	}

	private static DefaultOAuth2TokenCallback identity(String subject, String email) {
		return new DefaultOAuth2TokenCallback("corp", subject, "JWT", List.of("app-client"),
				Map.of("email", email, "email_verified", true), 3600);
	}

	private static String authorize(EndUsers users) {
		Reply started = users.call(HttpMethod.POST, "/auth/v1/authorize", users.anonToken,
				Map.of("provider", "corp", "redirectTo", REDIRECT));
		assertThat(started.status()).as("%s", started.body()).isEqualTo(200);
		return started.string("url");
	}

	private static Reply exchange(EndUsers users, Map<String, String> callback) {
		return users.call(HttpMethod.POST, "/auth/v1/token?grant_type=oidc", users.anonToken,
				Map.of("code", callback.get("code"), "state", callback.get("state")));
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
