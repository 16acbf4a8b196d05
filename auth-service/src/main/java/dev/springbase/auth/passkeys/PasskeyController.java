package dev.springbase.auth.passkeys;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.auth.mfa.VerifyResponse;
import dev.springbase.platform.security.Caller;

/**
 * Passkeys: a signed-in user registers, lists, renames and removes them; anyone with the
 * project's key asks for sign-in options and signs in at
 * {@code /token?grant_type=passkey}.
 */
@RestController
@RequestMapping("${springbase.api-prefix}/passkeys")
class PasskeyController {

	private final PasskeyService passkeys;

	PasskeyController(PasskeyService passkeys) {
		this.passkeys = passkeys;
	}

	@PostMapping("/register/options")
	Map<String, Object> registrationOptions(Caller caller) {
		return this.passkeys.registrationOptions(caller);
	}

	@PostMapping("/register")
	ResponseEntity<PasskeyView> register(Caller caller, @Valid @RequestBody RegisterRequest request) {
		return ResponseEntity.status(201)
			.body(this.passkeys.register(caller, request.challengeId(), request.name(), request.clientDataJSON(),
					request.attestationObject()));
	}

	@PostMapping("/authenticate/options")
	Map<String, Object> authenticationOptions(Caller caller) {
		return this.passkeys.authenticationOptions(caller);
	}

	@PostMapping("/verify/options")
	Map<String, Object> verificationOptions(Caller caller) {
		return this.passkeys.verificationOptions(caller);
	}

	/** A passkey as the second factor: answers with new tokens at {@code aal2}. */
	@PostMapping("/verify")
	VerifyResponse verify(Caller caller, @Valid @RequestBody PasskeyAssertion assertion) {
		return VerifyResponse.of(this.passkeys.verify(caller, assertion), List.of());
	}

	@GetMapping
	Map<String, List<PasskeyView>> list(Caller caller) {
		return Map.of("items", this.passkeys.list(caller));
	}

	@PatchMapping("/{id}")
	ResponseEntity<Void> rename(Caller caller, @PathVariable UUID id, @Valid @RequestBody RenameRequest request) {
		this.passkeys.rename(caller, id, request.name());
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable UUID id) {
		this.passkeys.delete(caller, id);
		return ResponseEntity.noContent().build();
	}

	record RegisterRequest(@NotNull UUID challengeId, @Nullable @Size(max = 100) String name,
			@NotBlank @Size(max = 10000) String clientDataJSON, @NotBlank @Size(max = 20000) String attestationObject) {

	}

	record RenameRequest(@NotBlank @Size(max = 100) String name) {

	}

}
