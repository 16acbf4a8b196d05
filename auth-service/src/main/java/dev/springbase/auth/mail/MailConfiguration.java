package dev.springbase.auth.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration(proxyBeanMethods = false)
class MailConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

	/**
	 * SMTP when Spring Mail has a server ({@code spring.mail.host}), else the local
	 * mailbox, so that a platform started with no configuration still shows its mails.
	 */
	@Bean
	@Primary
	MailDelivery mailDelivery(ObjectProvider<JavaMailSender> smtp, Mailbox mailbox) {
		JavaMailSender sender = smtp.getIfAvailable();
		if (sender == null) {
			log.info("No SMTP server configured (spring.mail.host); mails to end users go to the local mailbox");
			return mailbox;
		}
		return new SmtpMailDelivery(sender);
	}

}
