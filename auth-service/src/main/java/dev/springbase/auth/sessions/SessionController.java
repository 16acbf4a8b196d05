package dev.springbase.auth.sessions;

import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.auth.sessions.SessionService.Scope;
import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

/** A signed-in user's own sessions: list them, revoke one, sign out. */
@RestController
@RequestMapping("${springbase.api-prefix}")
class SessionController {

	private final SessionService sessions;

	SessionController(SessionService sessions) {
		this.sessions = sessions;
	}

	/**
	 * Ends the caller's session ({@code scope=local}, the default), every other one
	 * ({@code others}) or all ({@code global}, "sign out everywhere").
	 */
	@PostMapping("/logout")
	ResponseEntity<Void> logout(Caller caller, @RequestParam(defaultValue = "local") String scope) {
		this.sessions.requireLiveAnyLevel(caller);
		this.sessions.signOut(caller, scope(scope));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/sessions")
	CursorPage<SessionView> list(Caller caller, @RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor) {
		return this.sessions.list(caller, PageRequest.of(limit, cursor));
	}

	@DeleteMapping("/sessions/{sessionId}")
	ResponseEntity<Void> revoke(Caller caller, @PathVariable UUID sessionId) {
		this.sessions.revoke(caller, sessionId);
		return ResponseEntity.noContent().build();
	}

	private static Scope scope(String value) {
		try {
			return Scope.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest("auth.invalid_scope",
					"scope must be local, others or global, was '" + value + "'.");
		}
	}

}
