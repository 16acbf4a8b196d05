package dev.springbase.auth.users;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.springbase.platform.errors.ApiException;

/**
 * What a mailed link or code is for. Its {@link #value()} is stored and names its mail
 * template; its {@link #type()} is the {@code type} of the mailed link and of
 * {@code POST /verify}.
 */
enum Purpose {

	/** Confirms the address given at sign-up. */
	SIGNUP("signup"),

	/** Signs in to set a new password. */
	RECOVERY("recovery"),

	/** Signs in without a password. */
	MAGICLINK("magiclink"),

	/** Confirms a new address of a signed-in user. */
	EMAIL_CHANGE("email_change"),

	/**
	 * Confirms from the current address that it may be changed to the new one (secure
	 * email change). Redeemed as {@code email_change}, like the other half, as in GoTrue.
	 */
	EMAIL_CHANGE_CURRENT("email_change");

	/** Both halves of an email change. */
	static final Set<Purpose> EMAIL_CHANGES = EnumSet.of(EMAIL_CHANGE, EMAIL_CHANGE_CURRENT);

	private final String type;

	Purpose(String type) {
		this.type = type;
	}

	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	String type() {
		return this.type;
	}

	/**
	 * Which address a token of an email change was mailed to, as answers name it:
	 * {@code current} or {@code new}.
	 */
	String emailChangeHalf() {
		return switch (this) {
			case EMAIL_CHANGE_CURRENT -> "current";
			case EMAIL_CHANGE -> "new";
			default -> throw new IllegalStateException(this + " is not a half of an email change");
		};
	}

	/** The purpose stored as {@code value}. */
	static Purpose of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	/** The purposes whose links and codes a {@code POST /verify} of the type redeems. */
	static Set<Purpose> redeemedAs(String type) {
		Set<Purpose> purposes = Arrays.stream(values())
			.filter((purpose) -> purpose.type.equals(type))
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(Purpose.class)));
		if (purposes.isEmpty()) {
			throw ApiException.badRequest("auth.invalid_verification_type",
					"type must be signup, recovery, magiclink or email_change, was '" + type + "'.");
		}
		return purposes;
	}

}
