package dev.springbase.auth.users;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.springbase.auth.sessions.SessionUsers;

/** Lets sessions look up the user they mint tokens for. */
@Component
class UserDirectory implements SessionUsers {

	private final UserRepository users;

	UserDirectory(UserRepository users) {
		this.users = users;
	}

	@Override
	public Optional<User> find(UUID userId) {
		return this.users.findById(userId);
	}

}
