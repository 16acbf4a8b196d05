package dev.springbase.auth.oidc;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Who the provider says signed in: from an ID token whose signature, issuer, audience,
 * expiry and nonce were checked, or (GitHub) from the provider's API, asked with the
 * access token that the code and PKCE verifier were exchanged for.
 *
 * @param providerId the project's provider
 * @param projectId the project
 * @param subject the provider's stable id of the account
 * @param email the account's email, when the provider shares it
 * @param emailVerified whether the provider vouches for the email
 * @param linkUserId the signed-in user who started the sign-in, to link the identity to
 */
public record VerifiedIdentity(UUID providerId, UUID projectId, String subject, @Nullable String email,
		boolean emailVerified, @Nullable UUID linkUserId) {

}
