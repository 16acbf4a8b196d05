package dev.springbase.auth.oidc;

import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the preset providers live. The defaults are the real ones; GitHub Enterprise
 * Server users point {@code github} at their own host, tests at local stand-ins.
 *
 * @param google Google's OpenID Connect issuer
 * @param github GitHub's web and API base URLs
 * @param apple Apple's OpenID Connect issuer
 */
@ConfigurationProperties("springbase.auth.presets")
record ProviderPresets(@DefaultValue Google google, @DefaultValue GitHub github, @DefaultValue Apple apple) {

	/**
	 * The issuer, or for GitHub the web base URL, that a provider of this type uses.
	 */
	String issuer(OidcProvider provider) {
		return switch (provider.type()) {
			case OIDC -> Objects.requireNonNull(provider.issuer());
			case GOOGLE -> this.google.issuer();
			case GITHUB -> this.github.baseUrl();
			case APPLE -> this.apple.issuer();
		};
	}

	/**
	 * @param issuer the issuer, as its ID tokens name it
	 */
	record Google(@DefaultValue("https://accounts.google.com") String issuer) {

	}

	/**
	 * @param baseUrl where users authorize and codes are exchanged
	 * @param apiUrl the REST API ({@code https://HOST/api/v3} on GitHub Enterprise
	 * Server)
	 */
	record GitHub(@DefaultValue("https://github.com") String baseUrl,
			@DefaultValue("https://api.github.com") String apiUrl) {

	}

	/**
	 * @param issuer the issuer, as its ID tokens name it; also the audience of client
	 * secrets
	 */
	record Apple(@DefaultValue("https://appleid.apple.com") String issuer) {

	}

}
