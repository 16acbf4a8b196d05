package dev.springbase.auth.mfa;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.auth.mfa.MfaService.Enrolment;
import dev.springbase.auth.mfa.MfaService.Verified;
import dev.springbase.auth.protection.ClientAddress;
import dev.springbase.platform.security.Caller;

/** A signed-in user's second factors (TOTP) and recovery codes. */
@RestController
@RequestMapping("${springbase.api-prefix}/factors")
class MfaController {

	private final MfaService mfa;

	MfaController(MfaService mfa) {
		this.mfa = mfa;
	}

	@PostMapping
	ResponseEntity<Enrolment> enrol(Caller caller,
			@Valid @RequestBody(required = false) @Nullable EnrolRequest request) {
		return ResponseEntity.status(201)
			.body(this.mfa.enrol(caller, (request != null) ? request.friendlyName() : null));
	}

	@GetMapping
	Map<String, List<FactorView>> list(Caller caller) {
		return Map.of("items", this.mfa.list(caller));
	}

	/** Checks a TOTP code; answers with new tokens at {@code aal2}. */
	@PostMapping("/{factorId}/verify")
	VerifyResponse verify(Caller caller, @PathVariable UUID factorId, @Valid @RequestBody CodeRequest request,
			HttpServletRequest http) {
		Verified verified = this.mfa.verify(caller, factorId, request.code(), ClientAddress.of(http));
		return VerifyResponse.of(verified.tokens(), verified.recoveryCodes());
	}

	/** Spends a recovery code in place of a TOTP code. */
	@PostMapping("/recover")
	VerifyResponse recover(Caller caller, @Valid @RequestBody CodeRequest request, HttpServletRequest http) {
		return VerifyResponse.of(this.mfa.recover(caller, request.code(), ClientAddress.of(http)), List.of());
	}

	@PostMapping("/recovery-codes")
	Map<String, List<String>> regenerateRecoveryCodes(Caller caller) {
		return Map.of("recoveryCodes", this.mfa.regenerateRecoveryCodes(caller));
	}

	@DeleteMapping("/{factorId}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable UUID factorId) {
		this.mfa.delete(caller, factorId);
		return ResponseEntity.noContent().build();
	}

	record EnrolRequest(@Nullable @Size(max = 100) String friendlyName) {

	}

	record CodeRequest(@NotBlank @Size(max = 32) String code) {

	}

}
