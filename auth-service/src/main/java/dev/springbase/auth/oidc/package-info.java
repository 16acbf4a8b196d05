/**
 * Sign-in with external OpenID Connect providers: per-project provider settings with
 * encrypted client secrets, and the authorization code flow with PKCE, state and nonce,
 * ending in a verified identity.
 */
@NullMarked
package dev.springbase.auth.oidc;

import org.jspecify.annotations.NullMarked;
