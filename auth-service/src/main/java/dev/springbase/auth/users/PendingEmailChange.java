package dev.springbase.auth.users;

import java.time.Instant;
import java.util.Set;

/**
 * An email change asked for and not applied yet: a token of it is unused and unexpired,
 * and the user still has the address it changes.
 *
 * @param newEmail the address it changes to
 * @param requestedAt when it was asked for, and its mails went out
 * @param awaiting the halves whose link or code is still to be redeemed; never empty,
 * since the change applies with the last one
 */
record PendingEmailChange(String newEmail, Instant requestedAt, Set<Purpose> awaiting) {

}
