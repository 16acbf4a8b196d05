package dev.springbase.auth.settings;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How end users of one project sign up and in.
 *
 * @param passwordMinLength shortest password accepted
 * @param passwordMinScore zxcvbn strength (0 to 4) a new password must reach
 * @param emailConfirmationRequired whether users must confirm their email before they can
 * sign in
 * @param updatedAt last change, absent while the defaults apply
 */
public record AuthSettings(int passwordMinLength, int passwordMinScore, boolean emailConfirmationRequired,
		@Nullable Instant updatedAt) {

	static final AuthSettings DEFAULTS = new AuthSettings(8, 2, false, null);

}
