/**
 * A software passkey authenticator for tests of the passkey ceremonies.
 */
@NullMarked
package dev.springbase.testsupport.passkeys;

import org.jspecify.annotations.NullMarked;
