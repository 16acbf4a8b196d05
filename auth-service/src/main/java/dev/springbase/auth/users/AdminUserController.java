package dev.springbase.auth.users;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Future;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.auth.config.Locations;
import dev.springbase.auth.users.AdminUserService.NewUser;
import dev.springbase.auth.users.AdminUserService.UserChange;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

/**
 * Admin API over end users: {@code /admin/users} acts on a secret key's own project,
 * {@code /projects/{projectId}/users} on the named project for console members.
 */
@RestController
@RequestMapping({ "${springbase.api-prefix}/admin/users", "${springbase.api-prefix}/projects/{projectId}/users" })
class AdminUserController {

	private final AdminUserService users;

	AdminUserController(AdminUserService users) {
		this.users = users;
	}

	/** Pages through users by id; {@code email} narrows to emails starting with it. */
	@GetMapping
	CursorPage<UserView> list(Caller caller, @PathVariable(required = false) @Nullable UUID projectId,
			@RequestParam(required = false) @Nullable String email,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor) {
		return this.users.list(caller, projectId, email, PageRequest.of(limit, cursor));
	}

	@PostMapping
	ResponseEntity<UserView> create(Caller caller, @PathVariable(required = false) @Nullable UUID projectId,
			@Valid @RequestBody CreateUserRequest request) {
		UserView created = this.users.create(caller, projectId,
				new NewUser(request.email(), request.password(), Boolean.TRUE.equals(request.emailConfirmed()),
						Objects.requireNonNullElse(request.userMetadata(), Map.of()),
						Objects.requireNonNullElse(request.appMetadata(), Map.of())));
		return ResponseEntity.created(Locations.child(created.id())).body(created);
	}

	@GetMapping("/{userId}")
	UserView get(Caller caller, @PathVariable(required = false) @Nullable UUID projectId, @PathVariable UUID userId) {
		return this.users.get(caller, projectId, userId);
	}

	@PatchMapping("/{userId}")
	UserView update(Caller caller, @PathVariable(required = false) @Nullable UUID projectId, @PathVariable UUID userId,
			@Valid @RequestBody UpdateUserRequest request) {
		return this.users.update(caller, projectId, userId, new UserChange(request.email(), request.password(),
				request.emailConfirmed(), request.userMetadata(), request.appMetadata()));
	}

	@DeleteMapping("/{userId}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable(required = false) @Nullable UUID projectId,
			@PathVariable UUID userId) {
		this.users.delete(caller, projectId, userId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{userId}/ban")
	UserView ban(Caller caller, @PathVariable(required = false) @Nullable UUID projectId, @PathVariable UUID userId,
			@Valid @RequestBody BanRequest request) {
		return this.users.ban(caller, projectId, userId, request.until());
	}

	@DeleteMapping("/{userId}/ban")
	UserView unban(Caller caller, @PathVariable(required = false) @Nullable UUID projectId, @PathVariable UUID userId) {
		return this.users.unban(caller, projectId, userId);
	}

	/** Ends every session of the user; access tokens already out expire on their own. */
	@DeleteMapping("/{userId}/sessions")
	ResponseEntity<Void> revokeSessions(Caller caller, @PathVariable(required = false) @Nullable UUID projectId,
			@PathVariable UUID userId) {
		this.users.revokeSessions(caller, projectId, userId);
		return ResponseEntity.noContent().build();
	}

	record CreateUserRequest(@NotBlank @Email @Size(max = 320) String email, @Nullable @Size(max = 200) String password,
			@Nullable Boolean emailConfirmed, @Nullable Map<String, Object> userMetadata,
			@Nullable Map<String, Object> appMetadata) {

	}

	record UpdateUserRequest(@Nullable @Email @Size(max = 320) String email, @Nullable @Size(max = 200) String password,
			@Nullable Boolean emailConfirmed, @Nullable Map<String, Object> userMetadata,
			@Nullable Map<String, Object> appMetadata) {

	}

	record BanRequest(@NotNull @Future Instant until) {

	}

}
