package dev.springbase.auth.oidc;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * How a provider signs users in: any OpenID Connect issuer, or one of the presets, which
 * know their endpoints and scopes.
 */
enum ProviderType {

	/** Any OpenID Connect provider with discovery, at the issuer the admin gives. */
	OIDC("openid email profile", List.of("issuer", "clientSecret"), List.of("scopes")),

	/** OpenID Connect at Google's issuer. */
	GOOGLE("openid email profile", List.of("clientSecret"), List.of("scopes")),

	/**
	 * OAuth 2.0 and GitHub's API: GitHub issues no ID token. The scopes let it read the
	 * user and the user's email addresses.
	 */
	GITHUB("read:user user:email", List.of("clientSecret"), List.of()),

	/**
	 * OpenID Connect at Apple's issuer, with a JWT signed per request as client secret.
	 * Asking for email or name makes Apple post the code to the redirect URI
	 * ({@code response_mode=form_post}).
	 */
	APPLE("openid email name", List.of("teamId", "keyId", "privateKey"), List.of());

	private final String scopes;

	private final List<String> required;

	private final List<String> optional;

	ProviderType(String scopes, List<String> required, List<String> optional) {
		this.scopes = scopes;
		this.required = required;
		this.optional = optional;
	}

	/** The name in the API and the database. */
	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	String defaultScopes() {
		return this.scopes;
	}

	/**
	 * Checks that the settings given are those this type needs, besides the client id.
	 * @param given the names of the settings that have a value
	 * @throws OidcException {@code auth.provider_field_missing} or
	 * {@code auth.provider_field_unexpected}
	 */
	void check(List<String> given) {
		this.required.stream().filter((field) -> !given.contains(field)).findFirst().ifPresent((field) -> {
			throw OidcException.fieldMissing(this, field);
		});
		given.stream()
			.filter((field) -> !this.required.contains(field) && !this.optional.contains(field))
			.findFirst()
			.ifPresent((field) -> {
				throw OidcException.fieldUnexpected(this, field);
			});
	}

	/**
	 * The type by its name; none given is {@link #OIDC}, as before there were presets.
	 * @throws OidcException {@code auth.provider_type_unknown} for any other name
	 */
	static ProviderType of(@Nullable String value) {
		if (value == null) {
			return OIDC;
		}
		return Arrays.stream(values())
			.filter((type) -> type.value().equals(value))
			.findFirst()
			.orElseThrow(() -> OidcException.unknownType(value,
					Arrays.stream(values()).map(ProviderType::value).collect(Collectors.joining(", "))));
	}

}
