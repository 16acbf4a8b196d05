package dev.springbase.auth.accounts;

import java.time.Instant;
import java.util.UUID;

/** A console account. The password hash never leaves this package. */
record Account(UUID id, String email, String passwordHash, boolean admin, Instant createdAt) {

}
