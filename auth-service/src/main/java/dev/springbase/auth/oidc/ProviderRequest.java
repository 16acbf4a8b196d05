package dev.springbase.auth.oidc;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * A provider's settings as an admin sends them; which ones a type needs is
 * {@link ProviderType#check}'s business.
 *
 * @param type {@code oidc} (the default), {@code google}, {@code github} or {@code apple}
 * @param issuer the issuer of an {@code oidc} provider
 * @param clientId the client id; Apple's Services ID
 * @param clientSecret the client secret of every type but Apple
 * @param teamId Apple: the developer's team id
 * @param keyId Apple: the id of the Sign in with Apple key
 * @param privateKey Apple: that key, the PKCS#8 PEM of the {@code .p8} file
 * @param scopes {@code oidc} and {@code google}: other scopes than the preset's
 */
record ProviderRequest(@Nullable @Size(max = 20) String type,
		@Nullable @Pattern(regexp = "https?://\\S+") @Size(max = 2000) String issuer,
		@NotBlank @Size(max = 500) String clientId, @Nullable @Size(max = 2000) String clientSecret,
		@Nullable @Pattern(regexp = "[A-Z0-9]{10}", message = "must be the 10-character Apple team id") String teamId,
		@Nullable @Pattern(regexp = "[A-Z0-9]{10}", message = "must be the 10-character Apple key id") String keyId,
		@Nullable @Size(max = 10_000) String privateKey,
		@Nullable @Pattern(regexp = "openid( [\\w:.-]+)*") @Size(max = 500) String scopes) {

	/** The names of the settings given, besides type and client id. */
	List<String> given() {
		List<String> given = new ArrayList<>();
		addIfGiven(given, "issuer", this.issuer);
		addIfGiven(given, "clientSecret", this.clientSecret);
		addIfGiven(given, "teamId", this.teamId);
		addIfGiven(given, "keyId", this.keyId);
		addIfGiven(given, "privateKey", this.privateKey);
		addIfGiven(given, "scopes", this.scopes);
		return given;
	}

	private static void addIfGiven(List<String> given, String name, @Nullable String value) {
		if (StringUtils.hasText(value)) {
			given.add(name);
		}
	}

}
