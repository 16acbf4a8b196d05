package dev.springbase.auth.mail;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends through the SMTP server Spring Mail is configured with. */
class SmtpMailDelivery implements MailDelivery {

	private final JavaMailSender sender;

	SmtpMailDelivery(JavaMailSender sender) {
		this.sender = sender;
	}

	@Override
	public void deliver(OutgoingMail mail) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(mail.from());
		message.setTo(mail.to());
		message.setSubject(mail.subject());
		message.setText(mail.body());
		this.sender.send(message);
	}

}
