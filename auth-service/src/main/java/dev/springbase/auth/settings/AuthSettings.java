package dev.springbase.auth.settings;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How end users of one project sign up and in.
 *
 * @param passwordMinLength shortest password accepted
 * @param passwordMinScore zxcvbn strength (0 to 4) a new password must reach
 * @param emailConfirmationRequired whether users must confirm their email before they can
 * sign in (a confirmation mail goes out either way)
 * @param secureEmailChange whether a user's change of address must be confirmed from the
 * current address as well as from the new one before it applies (on by default, as in
 * Supabase); off, the new address alone confirms it
 * @param mailSender the From address of the project's mails, the platform's default when
 * absent
 * @param siteUrl the app page that links in mails open; it finishes the flow with
 * {@code POST /auth/v1/verify}
 * @param mailTemplates per purpose ({@code signup}, {@code recovery}, {@code magiclink},
 * {@code email_change} to the new address, {@code email_change_current} to the current
 * one), a subject and body replacing the built-in one
 * @param mfaRequired whether users must pass a second factor (TOTP) before the auth
 * service lets their tokens do more than manage factors and sign out
 * @param updatedAt last change, absent while the defaults apply
 */
public record AuthSettings(int passwordMinLength, int passwordMinScore, boolean emailConfirmationRequired,
		boolean secureEmailChange, @Nullable String mailSender, @Nullable String siteUrl,
		Map<String, MailTemplate> mailTemplates, boolean mfaRequired, @Nullable Instant updatedAt) {

	/** Unmodifiable, since instances are cached and shared between requests. */
	public AuthSettings {
		mailTemplates = Map.copyOf(mailTemplates);
	}

	static final AuthSettings DEFAULTS = new AuthSettings(8, 2, false, true, null, null, Map.of(), false, null);

	/**
	 * A mail's subject and plain-text body; {@code {{link}}}, {@code {{code}}} and
	 * {@code {{email}}} (the address it goes to) are filled in, and in the mails of an
	 * email change {@code {{newEmail}}}.
	 */
	public record MailTemplate(String subject, String body) {

	}

}
