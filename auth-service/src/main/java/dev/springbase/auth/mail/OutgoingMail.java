package dev.springbase.auth.mail;

import java.util.UUID;

/** A rendered mail on its way to one recipient. */
record OutgoingMail(UUID projectId, String from, String to, String subject, String body) {

}
