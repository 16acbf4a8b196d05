package dev.springbase.auth.mail;

/** Where mails go: an SMTP server, or the local mailbox. */
interface MailDelivery {

	void deliver(OutgoingMail mail);

}
