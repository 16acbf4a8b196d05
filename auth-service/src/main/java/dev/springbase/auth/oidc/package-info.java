/**
 * Sign-in with external providers: any OpenID Connect provider, and presets for Google,
 * GitHub and Apple. Per-project provider settings with encrypted client secrets and keys,
 * and the authorization code flow with PKCE, state and (OpenID Connect) nonce, ending in
 * a verified identity.
 */
@NullMarked
package dev.springbase.auth.oidc;

import org.jspecify.annotations.NullMarked;
