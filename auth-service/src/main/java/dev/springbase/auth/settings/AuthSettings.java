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
 * @param mailSender the From address of the project's mails, the platform's default when
 * absent
 * @param siteUrl the app page that links in mails open; it finishes the flow with
 * {@code POST /auth/v1/verify}
 * @param mailTemplates per purpose ({@code signup}, {@code recovery}, {@code magiclink},
 * {@code email_change}), a subject and body replacing the built-in one
 * @param mfaRequired whether users must pass a second factor (TOTP) before the auth
 * service lets their tokens do more than manage factors and sign out
 * @param updatedAt last change, absent while the defaults apply
 */
public record AuthSettings(int passwordMinLength, int passwordMinScore, boolean emailConfirmationRequired,
		@Nullable String mailSender, @Nullable String siteUrl, Map<String, MailTemplate> mailTemplates,
		boolean mfaRequired, @Nullable Instant updatedAt) {

	static final AuthSettings DEFAULTS = new AuthSettings(8, 2, false, null, null, Map.of(), false, null);

	/**
	 * A mail's subject and plain-text body; {@code {{link}}}, {@code {{code}}} and
	 * {@code {{email}}} are filled in.
	 */
	public record MailTemplate(String subject, String body) {

	}

}
