/**
 * Passkeys (WebAuthn) of end users: registration and assertion ceremonies verified with
 * webauthn4j, list, rename and remove. The relying party is the project's site URL.
 */
@NullMarked
package dev.springbase.auth.passkeys;

import org.jspecify.annotations.NullMarked;
