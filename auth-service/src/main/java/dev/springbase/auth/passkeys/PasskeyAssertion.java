package dev.springbase.auth.passkeys;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What the browser's {@code navigator.credentials.get()} returned, base64url-encoded,
 * with the challenge id from {@code /passkeys/authenticate/options}.
 */
public record PasskeyAssertion(@NotNull UUID challengeId, @NotBlank @Size(max = 1500) String credentialId,
		@NotBlank @Size(max = 10000) String clientDataJSON, @NotBlank @Size(max = 10000) String authenticatorData,
		@NotBlank @Size(max = 2000) String signature, @Nullable @Size(max = 200) String userHandle) {

}
