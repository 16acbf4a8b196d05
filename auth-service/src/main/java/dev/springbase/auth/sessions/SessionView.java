package dev.springbase.auth.sessions;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A session as its user sees it; {@code current} marks the one the token belongs to. */
record SessionView(UUID id, String aal, @Nullable String userAgent, @Nullable String ipAddress, Instant createdAt,
		Instant refreshedAt, boolean current) {

	static SessionView of(Session session, @Nullable UUID currentId) {
		return new SessionView(session.id(), session.aal(), session.userAgent(), session.ipAddress(),
				session.createdAt(), session.refreshedAt(), session.id().equals(currentId));
	}

}
