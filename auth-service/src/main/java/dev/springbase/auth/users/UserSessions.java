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

	private final UserViews views;

	UserSessions(UserRepository users, SessionService sessions, UserEvents events, UserViews views) {
		this.users = users;
		this.sessions = sessions;
		this.events = events;
		this.views = views;
	}

	SignedIn start(User user, Client client) {
		Instant now = Timestamps.now();
		this.users.recordSignIn(user.id(), now);
		User signedIn = user.withLastSignInAt(now);
		SessionTokens tokens = this.sessions.start(user.toSessionUser(), client.userAgent(), client.address());
		UserView view = this.views.of(signedIn);
		this.events.signedIn(signedIn, view, tokens.sessionId());
		return new SignedIn(tokens, view);
	}

}
