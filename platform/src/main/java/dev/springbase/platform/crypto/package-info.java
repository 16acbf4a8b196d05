/**
 * Encryption of secrets at rest under the platform's master key, and proofs that a
 * service holds that key.
 */
@NullMarked
package dev.springbase.platform.crypto;

import org.jspecify.annotations.NullMarked;
