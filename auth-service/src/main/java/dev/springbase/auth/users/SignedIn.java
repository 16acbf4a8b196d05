package dev.springbase.auth.users;

import dev.springbase.auth.sessions.SessionTokens;

/** A user with a fresh session. */
record SignedIn(SessionTokens tokens, User user) implements Verification {

}
