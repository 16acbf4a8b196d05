/**
 * RSA signing keys encrypted at rest, token issuance, rotation, JWKS and the local JWT
 * decoder.
 */
@NullMarked
package dev.springbase.auth.signingkeys;

import org.jspecify.annotations.NullMarked;
