package dev.springbase.auth.accounts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.auth.accounts.AccountService.LoginResult;
import dev.springbase.auth.config.Locations;
import dev.springbase.platform.security.Caller;

/** Sign-in and account management for the web console. */
@RestController
@RequestMapping("${springbase.api-prefix}/console")
class ConsoleController {

	private final AccountService accounts;

	ConsoleController(AccountService accounts) {
		this.accounts = accounts;
	}

	@PostMapping("/login")
	LoginResponse login(@Valid @RequestBody LoginRequest request) {
		LoginResult result = this.accounts.login(request.email(), request.password());
		return new LoginResponse(result.token().value(), "bearer", result.expiresIn(), result.account());
	}

	@GetMapping("/me")
	AccountView me(Caller caller) {
		return this.accounts.me(caller);
	}

	@PostMapping("/accounts")
	ResponseEntity<AccountView> create(Caller caller, @Valid @RequestBody CreateAccountRequest request) {
		ConsoleAccess.requireAdmin(caller);
		AccountView created = this.accounts.create(request.email(), request.password(), false);
		return ResponseEntity.created(Locations.child(created.id())).body(created);
	}

	record LoginRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 200) String password) {

	}

	record CreateAccountRequest(@NotBlank @Email @Size(max = 320) String email,
			@NotBlank @Size(min = 12, max = 200) String password) {

	}

	record LoginResponse(String accessToken, String tokenType, long expiresIn, AccountView account) {

	}

}
