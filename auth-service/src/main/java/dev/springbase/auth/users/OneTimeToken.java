package dev.springbase.auth.users;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A link token and code sent by mail, single-use and expiring.
 *
 * @param email the address it went to: the new one, or for the secure variant's other
 * half the current one, for an email change
 * @param emailChange what an email change token confirms; absent for other purposes
 */
record OneTimeToken(UUID id, UUID projectId, UUID userId, Purpose purpose, String email, byte[] tokenHash,
		byte[] codeHash, Instant createdAt, Instant expiresAt, @Nullable Instant usedAt,
		@Nullable EmailChange emailChange) {

	boolean expiredAt(Instant when) {
		return !this.expiresAt.isAfter(when);
	}

	/**
	 * Whether the user still has the address this token speaks for: the one it was mailed
	 * to, or for an email change the one being changed. Once it is gone, the token proves
	 * nothing any more.
	 */
	boolean speaksFor(@Nullable String userEmail) {
		return Objects.equals((this.emailChange != null) ? this.emailChange.from() : this.email, userEmail);
	}

	/**
	 * One request to change a user's address. Its tokens share the id: one mailed to the
	 * new address, and in the secure variant one to the current address; the change
	 * applies once all of them are redeemed.
	 *
	 * @param from the address when the change was asked for; absent for a user without
	 * one
	 * @param to the new address
	 */
	record EmailChange(UUID id, @Nullable String from, String to) {

	}

}
