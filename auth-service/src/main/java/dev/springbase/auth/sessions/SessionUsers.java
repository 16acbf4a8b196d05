package dev.springbase.auth.sessions;

import java.util.Optional;
import java.util.UUID;

/** Looks users up for sessions; the users feature provides it. */
public interface SessionUsers {

	Optional<? extends SessionUser> find(UUID userId);

}
