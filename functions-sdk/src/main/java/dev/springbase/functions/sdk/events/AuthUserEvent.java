package dev.springbase.functions.sdk.events;

/**
 * The data of {@code auth.user.created}, {@code updated}, {@code deleted} and
 * {@code signed_in}.
 *
 * @param user the user after the change (before it, for a deletion)
 * @param sessionId the new session, for {@code auth.user.signed_in} only
 */
public record AuthUserEvent(AuthUser user, String sessionId) {

}
