package dev.springbase.auth.users;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.platform.security.Caller;

/**
 * Email flows shaped like GoTrue's: ask for a reset or sign-in mail, then redeem its link
 * token or code at {@code /verify}. Links open the project's site URL, whose page calls
 * {@code /verify} with the project's key.
 */
@RestController
@RequestMapping("${springbase.api-prefix}")
class EmailFlowController {

	private final EmailFlowService flows;

	EmailFlowController(EmailFlowService flows) {
		this.flows = flows;
	}

	/** Accepted whether or not the address has a user. */
	@PostMapping("/recover")
	ResponseEntity<Void> recover(Caller caller, @Valid @RequestBody EmailRequest request, HttpServletRequest http) {
		this.flows.recover(caller, request.email(), Client.of(http));
		return ResponseEntity.accepted().build();
	}

	/** A magic link and one-time code by mail; accepted whatever the address. */
	@PostMapping("/otp")
	ResponseEntity<Void> otp(Caller caller, @Valid @RequestBody OtpRequest request, HttpServletRequest http) {
		this.flows.sendSignInLink(caller, request.email(), !Boolean.FALSE.equals(request.createUser()),
				Client.of(http));
		return ResponseEntity.accepted().build();
	}

	/** Redeems {@code token} (from the link) or {@code email} and {@code code}. */
	@PostMapping("/verify")
	UserController.TokenResponse verify(Caller caller, @Valid @RequestBody VerifyRequest request,
			HttpServletRequest http) {
		return UserController.TokenResponse.of(this.flows.verify(caller, Purpose.of(request.type()), request.token(),
				request.email(), request.code(), Client.of(http)));
	}

	record EmailRequest(@NotBlank @Email @Size(max = 320) String email) {

	}

	record OtpRequest(@NotBlank @Email @Size(max = 320) String email, @Nullable Boolean createUser) {

	}

	record VerifyRequest(@NotBlank String type, @Nullable @Size(max = 100) String token,
			@Nullable @Size(max = 320) String email, @Nullable @Size(max = 20) String code) {

	}

}
