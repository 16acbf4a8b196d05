package dev.springbase.auth.users;

import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.auth.sessions.SessionService;
import dev.springbase.auth.sessions.SessionTokens;

/** Starts a session for a user who has just proven who they are, by whatever means. */
@Component
class UserSessions {

	private final UserRepository users;

	private final SessionService sessions;

	private final UserEvents events;

	UserSessions(UserRepository users, SessionService sessions, UserEvents events) {
		this.users = users;
		this.sessions = sessions;
		this.events = events;
	}

	SignedIn start(User user, Client client) {
		return start(this.users.withEmailChange(user), client);
	}

	/** Starts a session for a user read with its pending email change, which it shows. */
	SignedIn start(UserWithEmailChange user, Client client) {
		Instant now = Timestamps.now();
		this.users.recordSignIn(user.id(), now);
		UserWithEmailChange signedIn = user.withLastSignInAt(now);
		SessionTokens tokens = this.sessions.start(signedIn, client.userAgent(), client.address());
		UserView view = signedIn.view();
		this.events.signedIn(signedIn.user(), view, tokens.sessionId());
		return new SignedIn(tokens, view);
	}

}
