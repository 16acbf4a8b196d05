/**
 * End-user sessions: access tokens, opaque refresh tokens rotated on every use, reuse
 * detection, and signing out of one, other or all sessions.
 */
@NullMarked
package dev.springbase.auth.sessions;

import org.jspecify.annotations.NullMarked;
