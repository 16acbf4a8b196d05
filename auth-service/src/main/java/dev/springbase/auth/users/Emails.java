package dev.springbase.auth.users;

import java.util.Locale;

/** Emails are kept stripped and lower-cased, so lookups and uniqueness ignore case. */
final class Emails {

	private Emails() {
	}

	static String normalize(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

}
