package dev.springbase.auth.oidc;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A project's sign-in provider; its client secret and private key stay encrypted.
 *
 * @param issuer the issuer of a generic OpenID Connect provider; presets take theirs from
 * {@link ProviderPresets}
 * @param clientSecretCiphertext the client secret of every type but Apple's
 * @param teamId Apple: the developer's team id, issuer of client secrets
 * @param keyId Apple: the id of the key that signs client secrets
 * @param privateKeyCiphertext Apple: that key, PKCS#8 PEM
 */
record OidcProvider(UUID id, UUID projectId, String name, ProviderType type, @Nullable String issuer, String clientId,
		byte @Nullable [] clientSecretCiphertext, @Nullable String teamId, @Nullable String keyId,
		byte @Nullable [] privateKeyCiphertext, String scopes, Instant createdAt, Instant updatedAt) {

}
