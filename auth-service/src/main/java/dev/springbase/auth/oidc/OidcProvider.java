package dev.springbase.auth.oidc;

import java.time.Instant;
import java.util.UUID;

/** A project's OpenID Connect provider; the client secret stays encrypted. */
record OidcProvider(UUID id, UUID projectId, String name, String issuer, String clientId, byte[] clientSecretCiphertext,
		String scopes, Instant createdAt, Instant updatedAt) {

}
