package dev.springbase.auth.projects;

import java.time.Instant;
import java.util.UUID;

/** A project member as clients see it. */
record Member(UUID accountId, String email, ProjectRole role, Instant addedAt) {

}
