package dev.springbase.auth.mail;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

import dev.springbase.auth.config.AuthProperties;
import dev.springbase.auth.settings.AuthSettings;
import dev.springbase.auth.settings.AuthSettings.MailTemplate;
import dev.springbase.auth.settings.AuthSettingsService;

/**
 * Renders and sends the mails of the email flows. Sending happens in the background, so
 * that an answer takes as long whether a mail went out or not, and tells nothing about
 * which addresses have users.
 */
@Service
public class AuthMails {

	private static final Logger log = LoggerFactory.getLogger(AuthMails.class);

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

	private static final Map<String, MailTemplate> DEFAULTS = Map.of("signup",
			new MailTemplate("Confirm your email address",
					"Confirm {{email}} by opening this link:\n\n{{link}}\n\nor enter this code: {{code}}\n"),
			"recovery",
			new MailTemplate("Reset your password",
					"Someone asked to reset the password of {{email}}. If it was you, open this link:\n\n{{link}}\n\n"
							+ "or enter this code: {{code}}\n\nOtherwise ignore this mail.\n"),
			"magiclink",
			new MailTemplate("Your sign-in link",
					"Sign in as {{email}} by opening this link:\n\n{{link}}\n\nor enter this code: {{code}}\n"),
			"email_change",
			new MailTemplate("Confirm your new email address",
					"Confirm {{email}} as your new address by opening this link:\n\n{{link}}\n\nor enter this code: {{code}}\n"),
			"email_change_current",
			new MailTemplate("Confirm your email address change",
					"Someone asked to change the email address of your account from {{email}} to {{newEmail}}. "
							+ "If it was you, confirm it by opening this link:\n\n{{link}}\n\n"
							+ "or enter this code: {{code}}\n\nThe change takes effect once {{newEmail}} is confirmed "
							+ "too. If it was not you, ignore this mail: your address stays {{email}}.\n"));

	private final MailDelivery delivery;

	private final AuthSettingsService settings;

	private final TaskExecutor executor;

	private final AuthProperties.Mail properties;

	AuthMails(MailDelivery delivery, AuthSettingsService settings, TaskExecutor executor, AuthProperties properties) {
		this.delivery = delivery;
		this.settings = settings;
		this.executor = executor;
		this.properties = properties.mail();
	}

	/**
	 * Sends a mail with a link and a code in the background.
	 * @param template {@code signup}, {@code recovery}, {@code magiclink},
	 * {@code email_change} or {@code email_change_current}
	 * @param type the link's {@code type}, which the site's page hands to
	 * {@code POST /verify}
	 * @param newEmail for the mails of an email change, the new address
	 */
	public void send(UUID projectId, String template, String type, String email, @Nullable String newEmail,
			String linkToken, String code) {
		this.executor.execute(() -> {
			try {
				this.delivery.deliver(render(projectId, template, type, email, newEmail, linkToken, code));
			}
			catch (RuntimeException ex) {
				log.error("Could not send the {} mail of project {}", template, projectId, ex);
			}
		});
	}

	private OutgoingMail render(UUID projectId, String templateName, String type, String email,
			@Nullable String newEmail, String linkToken, String code) {
		AuthSettings project = this.settings.of(projectId);
		MailTemplate template = project.mailTemplates().getOrDefault(templateName, DEFAULTS.get(templateName));
		String siteUrl = (project.siteUrl() != null) ? project.siteUrl() : this.properties.defaultSiteUrl();
		String link = UriComponentsBuilder.fromUriString(siteUrl)
			.queryParam("token", linkToken)
			.queryParam("type", type)
			.build()
			.toUriString();
		String sender = (project.mailSender() != null) ? project.mailSender() : this.properties.defaultSender();
		Map<String, String> values = new HashMap<>(Map.of("link", link, "code", code, "email", email));
		if (newEmail != null) {
			values.put("newEmail", newEmail);
		}
		return new OutgoingMail(projectId, sender, email, fill(template.subject(), values),
				fill(template.body(), values));
	}

	/**
	 * Fills the placeholders in one pass, so that a filled-in value is never read for
	 * placeholders itself; unknown ones stay as they are.
	 */
	private static String fill(String text, Map<String, String> values) {
		return PLACEHOLDER.matcher(text)
			.replaceAll((match) -> Matcher.quoteReplacement(values.getOrDefault(match.group(1), match.group())));
	}

}
