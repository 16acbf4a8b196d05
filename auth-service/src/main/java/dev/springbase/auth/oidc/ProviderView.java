package dev.springbase.auth.oidc;

import java.time.Instant;
import java.util.UUID;

/** A provider as admins see it: never the client secret. */
record ProviderView(UUID id, String name, String issuer, String clientId, String scopes, Instant createdAt,
		Instant updatedAt) {

	static ProviderView of(OidcProvider provider) {
		return new ProviderView(provider.id(), provider.name(), provider.issuer(), provider.clientId(),
				provider.scopes(), provider.createdAt(), provider.updatedAt());
	}

}
