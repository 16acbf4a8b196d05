package dev.springbase.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

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
