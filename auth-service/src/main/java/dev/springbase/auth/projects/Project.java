package dev.springbase.auth.projects;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

record Project(UUID id, String name, List<String> allowedOrigins, Instant createdAt, Instant updatedAt) {

}
