package dev.springbase.auth.users;

import dev.springbase.auth.sessions.SessionTokens;

/** A user with a fresh session, as the answer shows the user. */
record SignedIn(SessionTokens tokens, UserView user) implements Verification {

}
