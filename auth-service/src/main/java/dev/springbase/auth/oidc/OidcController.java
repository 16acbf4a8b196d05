package dev.springbase.auth.oidc;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.platform.security.Caller;

/**
 * {@code POST /authorize} starts a sign-in with a provider; admins manage the providers
 * under {@code /admin/providers} (secret key) or {@code /projects/{id}/providers}.
 */
@RestController
class OidcController {

	private final OidcSignIn signIn;

	private final OidcProviderService providers;

	OidcController(OidcSignIn signIn, OidcProviderService providers) {
		this.signIn = signIn;
		this.providers = providers;
	}

	/**
	 * The provider URL to open; the code and state it returns go to the token endpoint.
	 */
	@PostMapping("${springbase.api-prefix}/authorize")
	Map<String, URI> authorize(Caller caller, @Valid @RequestBody AuthorizeRequest request) {
		return Map.of("url", this.signIn.start(caller, request.provider(), request.redirectTo()));
	}

	@PutMapping({ "${springbase.api-prefix}/admin/providers/{name}",
			"${springbase.api-prefix}/projects/{projectId}/providers/{name}" })
	ProviderView save(Caller caller, @PathVariable(required = false) @Nullable UUID projectId,
			@PathVariable @Pattern(regexp = "[a-z0-9_-]{1,40}") String name,
			@Valid @RequestBody ProviderRequest request) {
		return this.providers.save(caller, projectId, name, request);
	}

	@GetMapping({ "${springbase.api-prefix}/admin/providers",
			"${springbase.api-prefix}/projects/{projectId}/providers" })
	Map<String, List<ProviderView>> list(Caller caller, @PathVariable(required = false) @Nullable UUID projectId) {
		return Map.of("items", this.providers.list(caller, projectId));
	}

	@DeleteMapping({ "${springbase.api-prefix}/admin/providers/{name}",
			"${springbase.api-prefix}/projects/{projectId}/providers/{name}" })
	ResponseEntity<Void> delete(Caller caller, @PathVariable(required = false) @Nullable UUID projectId,
			@PathVariable String name) {
		this.providers.delete(caller, projectId, name);
		return ResponseEntity.noContent().build();
	}

	record AuthorizeRequest(@NotBlank @Size(max = 40) String provider, @NotNull URI redirectTo) {

	}

}
