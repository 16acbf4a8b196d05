package dev.springbase.auth.users;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.platform.web.CursorPage;

/**
 * Shows users with the email change each has pending, which lives in its tokens rather
 * than in the user's row. Where the user is read anyway, {@link UserRepository} reads the
 * change with it instead.
 */
@Component
class UserViews {

	private final OneTimeTokenRepository tokens;

	UserViews(OneTimeTokenRepository tokens) {
		this.tokens = tokens;
	}

	UserView of(User user) {
		return withEmailChange(user).view();
	}

	/** The user with its pending email change looked up. */
	UserWithEmailChange withEmailChange(User user) {
		return new UserWithEmailChange(user,
				this.tokens.findPendingEmailChanges(List.of(user), Timestamps.now()).get(user.id()));
	}

	/** A page of users with one look-up for all their pending changes. */
	CursorPage<UserView> of(CursorPage<User> page) {
		Map<UUID, PendingEmailChange> pending = this.tokens.findPendingEmailChanges(page.items(), Timestamps.now());
		return page.map((user) -> UserView.of(user, pending.get(user.id())));
	}

}
