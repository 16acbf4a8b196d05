package dev.springbase.testsupport.providers;

import java.util.Map;

import com.nimbusds.jose.JOSEException;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * One stand-in for each provider the auth service has presets for: Google's issuer is
 * mock-oauth2-server, GitHub's and Apple's are {@link GitHubStandIn} and
 * {@link AppleStandIn}. They start on first use and serve until the JVM ends, since an
 * auth service reads the presets' URLs once, at its start.
 */
public final class ProviderStandIns {

	public static final MockOAuth2Server google = new MockOAuth2Server();

	public static final GitHubStandIn github = new GitHubStandIn();

	public static final AppleStandIn apple;

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

	public static String googleIssuer() {
		return google.issuerUrl("google").toString();
	}

	/** The auth service's settings that point its presets at the stand-ins. */
	public static Map<String, String> presetSettings() {
		return Map.of("springbase.auth.presets.google.issuer", googleIssuer(),
				"springbase.auth.presets.github.base-url", github.baseUrl(), "springbase.auth.presets.github.api-url",
				github.apiUrl(), "springbase.auth.presets.apple.issuer", apple.issuer());
	}

}
