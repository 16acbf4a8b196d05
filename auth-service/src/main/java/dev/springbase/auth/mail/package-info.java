/**
 * Mails to end users: rendered from per-project templates, sent through SMTP (Spring
 * Mail) when a server is configured, or kept in a local mailbox readable through the
 * admin API otherwise.
 */
@NullMarked
package dev.springbase.auth.mail;

import org.jspecify.annotations.NullMarked;
