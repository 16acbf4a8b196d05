package dev.springbase.system;

import java.util.Map;

import com.nimbusds.jose.JOSEException;
import no.nav.security.mock.oauth2.MockOAuth2Server;

import dev.springbase.testsupport.providers.AppleStandIn;
import dev.springbase.testsupport.providers.GitHubStandIn;

/**
 * Local stand-ins for the providers the auth service has presets for: Google's issuer is
 * mock-oauth2-server, GitHub's and Apple's are servers of their own. They start with the
 * stack, since the auth service reads the presets' URLs once, at its start.
 */
final class ProviderStandIns {

	static final MockOAuth2Server google = new MockOAuth2Server();

	static final GitHubStandIn github = new GitHubStandIn();

	static final AppleStandIn apple;

	static {
		google.start(0);
		try {
			apple = new AppleStandIn();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ProviderStandIns() {
	}

	static String googleIssuer() {
		return google.issuerUrl("google").toString();
	}

	/** What points the auth service's presets at the stand-ins. */
	static Map<String, String> environment() {
		return Map.of("SPRINGBASE_AUTH_PRESETS_GOOGLE_ISSUER", googleIssuer(),
				"SPRINGBASE_AUTH_PRESETS_GITHUB_BASE_URL", github.baseUrl(), "SPRINGBASE_AUTH_PRESETS_GITHUB_API_URL",
				github.apiUrl(), "SPRINGBASE_AUTH_PRESETS_APPLE_ISSUER", apple.issuer());
	}

}
