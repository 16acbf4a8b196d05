package dev.springbase.auth.oidc;

import org.jspecify.annotations.Nullable;

/**
 * The account at the provider, as it vouched for it.
 *
 * @param subject the provider's stable id of the account
 * @param email the account's email, when the provider shares it
 * @param emailVerified whether the provider vouches for the email
 */
record ProviderAccount(String subject, @Nullable String email, boolean emailVerified) {

}
