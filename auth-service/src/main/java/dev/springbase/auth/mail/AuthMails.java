package dev.springbase.auth.mail;

import java.util.Map;
import java.util.UUID;

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
			"email_change", new MailTemplate("Confirm your new email address",
					"Confirm {{email}} as your new address by opening this link:\n\n{{link}}\n\nor enter this code: {{code}}\n"));

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
	 * Sends a mail with a link and a code for {@code purpose} in the background.
	 * @param purpose {@code signup}, {@code recovery}, {@code magiclink} or
	 * {@code email_change}
	 */
	public void send(UUID projectId, String purpose, String email, String linkToken, String code) {
		this.executor.execute(() -> {
			try {
				this.delivery.deliver(render(projectId, purpose, email, linkToken, code));
			}
			catch (RuntimeException ex) {
				log.error("Could not send the {} mail of project {}", purpose, projectId, ex);
			}
		});
	}

	private OutgoingMail render(UUID projectId, String purpose, String email, String linkToken, String code) {
		AuthSettings project = this.settings.of(projectId);
		MailTemplate template = project.mailTemplates().getOrDefault(purpose, DEFAULTS.get(purpose));
		String siteUrl = (project.siteUrl() != null) ? project.siteUrl() : this.properties.defaultSiteUrl();
		String link = UriComponentsBuilder.fromUriString(siteUrl)
			.queryParam("token", linkToken)
			.queryParam("type", purpose)
			.build()
			.toUriString();
		String sender = (project.mailSender() != null) ? project.mailSender() : this.properties.defaultSender();
		return new OutgoingMail(projectId, sender, email, fill(template.subject(), email, link, code),
				fill(template.body(), email, link, code));
	}

	private static String fill(String text, String email, String link, String code) {
		return text.replace("{{link}}", link).replace("{{code}}", code).replace("{{email}}", email);
	}

}
