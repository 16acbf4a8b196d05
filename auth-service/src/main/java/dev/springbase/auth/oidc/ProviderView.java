package dev.springbase.auth.oidc;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A provider as admins see it: never the client secret or the private key.
 *
 * @param issuer the issuer it uses; a preset's from the settings, GitHub's web base URL
 */
record ProviderView(UUID id, String name, String type, String issuer, String clientId, @Nullable String teamId,
		@Nullable String keyId, String scopes, Instant createdAt, Instant updatedAt) {

	static ProviderView of(OidcProvider provider, String issuer) {
		return new ProviderView(provider.id(), provider.name(), provider.type().value(), issuer, provider.clientId(),
				provider.teamId(), provider.keyId(), provider.scopes(), provider.createdAt(), provider.updatedAt());
	}

}
