/**
 * Multi-factor sign-in: TOTP factors (RFC 6238) with otpauth URIs for authenticator apps,
 * recovery codes, and raising a session to assurance level {@code aal2}.
 */
@NullMarked
package dev.springbase.auth.mfa;

import org.jspecify.annotations.NullMarked;
