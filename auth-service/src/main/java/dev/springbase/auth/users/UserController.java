package dev.springbase.auth.users;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.auth.users.UserService.SignUpResult;
import dev.springbase.auth.oidc.OidcSignIn;
import dev.springbase.auth.passkeys.PasskeyAssertion;
import dev.springbase.auth.passkeys.PasskeyService;
import dev.springbase.platform.security.Caller;

/**
 * The end-user API, shaped like Supabase's GoTrue: sign up, get tokens, read and change
 * the signed-in user. The project comes from the caller's key or token.
 */
@RestController
@RequestMapping("${springbase.api-prefix}")
class UserController {

	private final UserService users;

	private final OidcSignIn oidc;

	private final ExternalSignIn externalSignIn;

	private final PasskeyService passkeys;

	UserController(UserService users, OidcSignIn oidc, ExternalSignIn externalSignIn, PasskeyService passkeys) {
		this.users = users;
		this.oidc = oidc;
		this.externalSignIn = externalSignIn;
		this.passkeys = passkeys;
	}

	/**
	 * With email and password, a new user; with neither, an anonymous one. Answers with a
	 * session, or with {@code confirmationRequired} when the project wants the email
	 * confirmed first.
	 */
	@PostMapping("/signup")
	@Operation(summary = "Sign up", description = """
			With `email` and `password`, signs up a new user; with neither, an anonymous one. Answers \
			with a session, or, when the project requires confirmed addresses (the setting \
			`emailConfirmationRequired`), with `confirmationRequired: true` and the `email` the \
			confirmation mail went to, without a session: the user signs in by redeeming the mailed \
			link or code at `/verify`. That answer is the same whether the address was free or \
			already taken, so it does not tell who has signed up.""")
	@ApiResponse(responseCode = "200", description = "A session, or a confirmation mail on its way",
			content = @Content(schema = @Schema(oneOf = { TokenResponse.class, ConfirmationPending.class })))
	ResponseEntity<?> signUp(Caller caller, @Valid @RequestBody SignUpRequest request, HttpServletRequest http) {
		SignUpResult result = this.users.signUp(caller, request.email(), request.password(),
				Objects.requireNonNullElse(request.data(), Map.of()), Client.of(http));
		if (result.signedIn() != null) {
			return ResponseEntity.ok(TokenResponse.of(result.signedIn()));
		}
		return ResponseEntity.ok(new ConfirmationPending(result.pendingEmail(), true));
	}

	/**
	 * {@code grant_type=password} signs in with email and password;
	 * {@code grant_type=refresh_token} exchanges a refresh token for new tokens;
	 * {@code grant_type=oidc} finishes a sign-in started at {@code /authorize} with the
	 * code and state the provider returned; {@code grant_type=passkey} signs in with a
	 * passkey assertion.
	 */
	@PostMapping("/token")
	TokenResponse token(Caller caller, @RequestParam("grant_type") String grantType,
			@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
		SignedIn signedIn = switch (grantType) {
			case "password" -> this.users.signIn(caller, required(request.email(), "email"),
					required(request.password(), "password"), Client.of(http));
			case "refresh_token" -> this.users.refresh(caller, required(request.refreshToken(), "refreshToken"));
			case "oidc" -> this.externalSignIn.signIn(
					this.oidc.complete(caller, required(request.code(), "code"), required(request.state(), "state")),
					Client.of(http));
			case "passkey" -> {
				if (request.passkey() == null) {
					throw UserException.missingField("passkey");
				}
				yield this.users.signInAs(caller, this.passkeys.authenticate(caller, request.passkey()),
						Client.of(http));
			}
			default -> throw UserException.unsupportedGrant(grantType);
		};
		return TokenResponse.of(signedIn);
	}

	@GetMapping("/user")
	UserView me(Caller caller) {
		return this.users.me(caller);
	}

	@PutMapping("/user")
	UserView update(Caller caller, @Valid @RequestBody UpdateUserRequest request) {
		return this.users.update(caller, request.email(), request.password(), request.data());
	}

	private static String required(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			throw UserException.missingField(field);
		}
		return value;
	}

	record SignUpRequest(@Nullable @Email @Size(max = 320) String email, @Nullable @Size(max = 200) String password,
			@Nullable Map<String, Object> data) {

	}

	record TokenRequest(@Nullable @Size(max = 320) String email, @Nullable @Size(max = 200) String password,
			@Nullable @Size(max = 200) String refreshToken, @Nullable @Size(max = 2000) String code,
			@Nullable @Size(max = 200) String state, @Nullable @Valid PasskeyAssertion passkey) {

	}

	record UpdateUserRequest(@Nullable @Email @Size(max = 320) String email, @Nullable @Size(max = 200) String password,
			@Nullable Map<String, Object> data) {

	}

	@Schema(description = "The project requires confirmed addresses: a confirmation mail went to `email`, and "
			+ "no session is given until its link or code is redeemed at `/verify`.")
	record ConfirmationPending(@Nullable String email, boolean confirmationRequired) {

	}

	record TokenResponse(String accessToken, String tokenType, long expiresIn, Instant expiresAt, String refreshToken,
			UserView user) {

		static TokenResponse of(SignedIn signedIn) {
			return new TokenResponse(signedIn.tokens().accessToken(), "bearer", signedIn.tokens().expiresIn(),
					signedIn.tokens().expiresAt(), signedIn.tokens().refreshToken(), signedIn.user());
		}

	}

}
