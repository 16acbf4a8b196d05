package dev.springbase.auth.users;

import java.util.Arrays;
import java.util.Locale;

import dev.springbase.platform.errors.ApiException;

/** What a mailed link or code is for; the {@code type} of {@code POST /verify}. */
enum Purpose {

	/** Confirms the address given at sign-up. */
	SIGNUP,

	/** Signs in to set a new password. */
	RECOVERY,

	/** Signs in without a password. */
	MAGICLINK,

	/** Confirms a new address of a signed-in user. */
	EMAIL_CHANGE;

	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Purpose of(String value) {
		return Arrays.stream(values())
			.filter((purpose) -> purpose.value().equals(value))
			.findFirst()
			.orElseThrow(() -> ApiException.badRequest("auth.invalid_verification_type",
					"type must be signup, recovery, magiclink or email_change, was '" + value + "'."));
	}

}
