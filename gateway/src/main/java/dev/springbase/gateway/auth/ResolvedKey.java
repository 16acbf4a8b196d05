package dev.springbase.gateway.auth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What the auth service knows about an API key: its project, the role it grants, a
 * platform token minted for it and the browser origins its project accepts.
 *
 * @param projectId the project the key belongs to
 * @param keyId the key's id, which budgets its requests
 * @param type {@code publishable} or {@code secret}
 * @param role {@code anon} or {@code service_role}
 * @param token a platform JWT that stands for the key at the services
 * @param expiresAt when {@code token} expires
 * @param allowedOrigins browser origins the project accepts; {@code *} accepts any
 * @param mfaRequired whether the project's users must have passed a second factor
 * ({@code aal2}) to reach the services
 */
public record ResolvedKey(UUID projectId, UUID keyId, String type, String role, String token, Instant expiresAt,
		List<String> allowedOrigins, boolean mfaRequired) {

	public ResolvedKey {
		Objects.requireNonNull(projectId, "projectId");
		Objects.requireNonNull(keyId, "keyId");
		Objects.requireNonNull(token, "token");
		Objects.requireNonNull(expiresAt, "expiresAt");
		allowedOrigins = List.copyOf(Objects.requireNonNullElse(allowedOrigins, List.of()));
	}

	public boolean allowsOrigin(String origin) {
		return this.allowedOrigins.stream()
			.anyMatch((allowed) -> "*".equals(allowed) || allowed.equalsIgnoreCase(origin));
	}

}
