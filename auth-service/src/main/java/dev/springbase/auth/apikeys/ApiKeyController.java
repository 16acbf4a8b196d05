package dev.springbase.auth.apikeys;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.auth.apikeys.ApiKeyService.CreatedKey;
import dev.springbase.auth.config.Locations;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

@RestController
@RequestMapping("${springbase.api-prefix}/projects/{projectId}/api-keys")
class ApiKeyController {

	private final ApiKeyService keys;

	ApiKeyController(ApiKeyService keys) {
		this.keys = keys;
	}

	@PostMapping
	ResponseEntity<CreatedKeyResponse> create(Caller caller, @PathVariable UUID projectId,
			@Valid @RequestBody CreateKeyRequest request) {
		CreatedKey created = this.keys.create(caller, projectId, request.name(), request.type());
		ApiKey key = created.key();
		return ResponseEntity.created(Locations.child(key.id()))
			.body(new CreatedKeyResponse(key.id(), key.name(), key.type(), key.prefix(), created.plaintext(),
					key.createdAt()));
	}

	@GetMapping
	CursorPage<KeyResponse> list(Caller caller, @PathVariable UUID projectId,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor) {
		return this.keys.list(caller, projectId, PageRequest.of(limit, cursor)).map(KeyResponse::of);
	}

	@DeleteMapping("/{keyId}")
	ResponseEntity<Void> revoke(Caller caller, @PathVariable UUID projectId, @PathVariable UUID keyId) {
		this.keys.revoke(caller, projectId, keyId);
		return ResponseEntity.noContent().build();
	}

	record CreateKeyRequest(@NotBlank @Size(max = 100) String name, @NotNull ApiKeyType type) {

	}

	/** The only response that ever holds the key. */
	record CreatedKeyResponse(UUID id, String name, ApiKeyType type, String prefix, String key, Instant createdAt) {

	}

	record KeyResponse(UUID id, String name, ApiKeyType type, String prefix, Instant createdAt,
			@Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

		static KeyResponse of(ApiKey key) {
			return new KeyResponse(key.id(), key.name(), key.type(), key.prefix(), key.createdAt(), key.lastUsedAt(),
					key.revokedAt());
		}

	}

}
