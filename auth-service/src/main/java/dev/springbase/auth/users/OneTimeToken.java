package dev.springbase.auth.users;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A link token and code sent by mail, single-use and expiring.
 *
 * @param email the address it went to: the new one for an email change
 */
record OneTimeToken(UUID id, UUID projectId, UUID userId, Purpose purpose, String email, byte[] tokenHash,
		byte[] codeHash, Instant createdAt, Instant expiresAt, @Nullable Instant usedAt) {

	boolean expiredAt(Instant when) {
		return !this.expiresAt.isAfter(when);
	}

}
