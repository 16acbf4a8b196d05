package dev.springbase.auth.apikeys;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.auth.apikeys.ApiKeyService.Resolution;
import dev.springbase.auth.settings.AuthSettingsService;

/**
 * Internal: the gateway exchanges an {@code apikey} header for a platform token here. Not
 * under the API prefix, so the gateway never routes it; open, because holding the key is
 * the credential.
 */
@RestController
class KeyResolutionController {

	private final ApiKeyService keys;

	private final AuthSettingsService settings;

	KeyResolutionController(ApiKeyService keys, AuthSettingsService settings) {
		this.keys = keys;
		this.settings = settings;
	}

	@PostMapping("/internal/api-keys/resolve")
	ResolveResponse resolve(@Valid @RequestBody ResolveRequest request) {
		Resolution resolution = this.keys.resolve(request.key());
		ApiKey key = resolution.resolved().key();
		return new ResolveResponse(key.projectId(), key.id(), key.type(), key.type().role(), resolution.token().value(),
				resolution.token().expiresAt(), resolution.resolved().allowedOrigins(),
				this.settings.of(key.projectId()).mfaRequired());
	}

	record ResolveRequest(@NotBlank @Size(max = 200) String key) {

	}

	/**
	 * @param mfaRequired whether the project's users need {@code aal2} tokens, which the
	 * gateway enforces for the other services
	 */
	record ResolveResponse(UUID projectId, UUID keyId, ApiKeyType type, String role, String token, Instant expiresAt,
			List<String> allowedOrigins, boolean mfaRequired) {

	}

}
