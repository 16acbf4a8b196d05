package dev.springbase.auth.accounts;

import java.time.Instant;
import java.util.UUID;

/** A console account as clients see it. */
record AccountView(UUID id, String email, boolean admin, Instant createdAt) {

	static AccountView of(Account account) {
		return new AccountView(account.id(), account.email(), account.admin(), account.createdAt());
	}

}
