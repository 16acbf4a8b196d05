package dev.springbase.auth.users;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

import dev.springbase.auth.users.Verification.EmailChangePending;
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

	/**
	 * Redeems {@code token} (from the link) or {@code email} and {@code code}. Signs in,
	 * except for the first half of a secure email change, which changes nothing yet.
	 */
	@PostMapping("/verify")
	@Operation(summary = "Redeem a mailed link or code", description = """
			Redeems the `token` of a mailed link, or `email` and the mailed `code`, of the `type` in \
			the link (`signup`, `recovery`, `magiclink` or `email_change`), and answers with a \
			session. A secure email change (the project setting `secureEmailChange`, on by default) \
			mails both the current and the new address, each with its own link and code, both of \
			type `email_change`: redeeming the first of them, in either order, answers \
			`emailChangePending: true` and `confirmed` (`current` or `new`) without a session and \
			changes nothing; redeeming the second makes the new address the user's and answers with \
			a session.""")
	@ApiResponse(responseCode = "200", description = "A session, or an email change waiting for its other half",
			content = @Content(
					schema = @Schema(oneOf = { UserController.TokenResponse.class, EmailChangePendingResponse.class })))
	ResponseEntity<?> verify(Caller caller, @Valid @RequestBody VerifyRequest request, HttpServletRequest http) {
		Verification verified = this.flows.verify(caller, Purpose.redeemedAs(request.type()), request.token(),
				request.email(), request.code(), Client.of(http));
		return ResponseEntity.ok(switch (verified) {
			case SignedIn signedIn -> UserController.TokenResponse.of(signedIn);
			case EmailChangePending pending -> EmailChangePendingResponse.of(pending);
		});
	}

	record EmailRequest(@NotBlank @Email @Size(max = 320) String email) {

	}

	record OtpRequest(@NotBlank @Email @Size(max = 320) String email, @Nullable Boolean createUser) {

	}

	/**
	 * One half of a secure email change is confirmed; the other address has yet to
	 * confirm before the change takes effect.
	 *
	 * @param confirmed {@code current} or {@code new}: the address just confirmed
	 */
	@Schema(description = "One half of a secure email change is confirmed: `confirmed` says which address, "
			+ "`current` or `new`. Nothing has changed yet, and no session is given, until the other address "
			+ "confirms too.")
	record EmailChangePendingResponse(boolean emailChangePending, String confirmed, String message) {

		static EmailChangePendingResponse of(EmailChangePending pending) {
			boolean current = pending.confirmed() == Purpose.EMAIL_CHANGE_CURRENT;
			return new EmailChangePendingResponse(true, pending.confirmed().emailChangeHalf(),
					"The " + (current ? "current" : "new") + " address is confirmed. The change takes effect once the "
							+ (current ? "new" : "current")
							+ " address is confirmed too, with the link or code mailed to it.");
		}

	}

	record VerifyRequest(@NotBlank String type, @Nullable @Size(max = 100) String token,
			@Nullable @Size(max = 320) String email, @Nullable @Size(max = 20) String code) {

	}

}
