package dev.springbase.auth.users;

import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.springbase.auth.config.Timestamps;
import dev.springbase.auth.sessions.SessionService;

/** Starts a session for a user who has just proven who they are, by whatever means. */
@Component
class UserSessions {

	private final UserRepository users;

	private final SessionService sessions;

	UserSessions(UserRepository users, SessionService sessions) {
		this.users = users;
		this.sessions = sessions;
	}

	SignedIn start(User user, Client client) {
		Instant now = Timestamps.now();
		this.users.recordSignIn(user.id(), now);
		return new SignedIn(this.sessions.start(user.toSessionUser(), client.userAgent(), client.address()),
				user.withLastSignInAt(now));
	}

}
