package dev.springbase.auth.signingkeys;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.auth.accounts.ConsoleAccess;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

/** Rotation and listing of signing keys, for platform admins. */
@RestController
@RequestMapping("${springbase.api-prefix}/signing-keys")
class SigningKeyController {

	private final SigningKeyService keys;

	SigningKeyController(SigningKeyService keys) {
		this.keys = keys;
	}

	@GetMapping
	CursorPage<SigningKeyView> list(Caller caller, @RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor) {
		ConsoleAccess.requireAdmin(caller);
		return this.keys.list(PageRequest.of(limit, cursor));
	}

	@PostMapping("/rotate")
	SigningKeyView rotate(Caller caller) {
		ConsoleAccess.requireAdmin(caller);
		return this.keys.rotate();
	}

}
