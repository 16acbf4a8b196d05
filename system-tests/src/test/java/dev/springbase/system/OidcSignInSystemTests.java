package dev.springbase.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.web.util.UriComponentsBuilder;

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

	private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@BeforeAll
	static void startProvider() {
		provider.start(0);
	}

	@AfterAll
	static void stopProvider() {
		provider.shutdown();
	}

	@Test
	void signsInWithTheProviderAndRefusesAForgedState() throws Exception {
		String admin = this.api.adminToken();
		String projectId = this.api.createProject(admin, "OIDC", List.of());
		String publishableKey = this.api.createKey(admin, projectId, "publishable").string("key");
		this.api.call("PUT", "/auth/v1/projects/" + projectId + "/providers/corp")
			.bearer(admin)
			.json(Map.of("issuer", provider.issuerUrl("corp").toString(), "clientId", "app-client", "clientSecret",
					"app-secret"))
			.send()
			.expectStatus(200);
		String email = "oidc-" + System.nanoTime() + "@system.test";
		provider.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "corp-42", "JWT", List.of("app-client"),
				Map.of("email", email, "email_verified", true), 3600));

		String url = this.api.post("/auth/v1/authorize")
			.apikey(publishableKey)
			.json(Map.of("provider", "corp", "redirectTo", REDIRECT))
			.send()
			.expectStatus(200)
			.string("url");
		HttpResponse<String> redirect = this.browser.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(redirect.statusCode()).isEqualTo(302);
		Map<String, String> callback = UriComponentsBuilder
			.fromUriString(redirect.headers().firstValue("Location").orElseThrow())
			.build()
			.getQueryParams()
			.toSingleValueMap();

		Response forged = this.api.post("/auth/v1/token?grant_type=oidc")
			.apikey(publishableKey)
			.json(Map.of("code", callback.get("code"), "state", "forged"))
			.send();
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.code()).isEqualTo("auth.oidc_state_invalid");
		Response signedIn = this.api.post("/auth/v1/token?grant_type=oidc")
			.apikey(publishableKey)
			.json(Map.of("code", callback.get("code"), "state", callback.get("state")))
			.send();
		signedIn.expectStatus(200);
		@SuppressWarnings("unchecked")
		Map<String, Object> user = (Map<String, Object>) signedIn.json().get("user");
		assertThat(user).containsEntry("email", email);
		this.api.get("/auth/v1/user")
			.apikey(publishableKey)
			.bearer(signedIn.string("accessToken"))
			.send()
			.expectStatus(200);
	}

}
