package dev.springbase.auth.sessions;

/**
 * A refresh's new tokens, with the user as the refresh read it.
 *
 * @param <U> what the caller's look-up gives for a user
 * @param tokens the new tokens
 * @param user the session's user, read in the refresh's transaction
 */
public record Refreshed<U extends SessionUser>(SessionTokens tokens, U user) {

}
