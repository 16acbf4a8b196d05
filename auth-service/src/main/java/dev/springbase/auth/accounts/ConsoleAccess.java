package dev.springbase.auth.accounts;

import java.util.UUID;

import dev.springbase.platform.security.Caller;

/** What a caller is in the console: an account, perhaps a platform admin. */
public final class ConsoleAccess {

	/** Claim carrying the platform admin flag on account tokens. */
	public static final String ADMIN_CLAIM = "admin";

	/** Claim carrying the email on account tokens. */
	public static final String EMAIL_CLAIM = "email";

	private ConsoleAccess() {
	}

	/** The account id of a console caller; API keys and end users are refused. */
	public static UUID requireAccount(Caller caller) {
		if (!caller.isAccount()) {
			throw AccountException.accountRequired();
		}
		return UUID.fromString(caller.subject());
	}

	public static boolean isAdmin(Caller caller) {
		return caller.isAccount() && Boolean.TRUE.equals(caller.token().getClaimAsBoolean(ADMIN_CLAIM));
	}

	public static void requireAdmin(Caller caller) {
		requireAccount(caller);
		if (!isAdmin(caller)) {
			throw AccountException.adminRequired();
		}
	}

}
