package dev.springbase.auth.projects;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

@RestController
@RequestMapping("${springbase.api-prefix}/projects/{projectId}/members")
class MemberController {

	private final MemberService members;

	MemberController(MemberService members) {
		this.members = members;
	}

	@GetMapping
	CursorPage<Member> list(Caller caller, @PathVariable UUID projectId,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor) {
		return this.members.list(caller, projectId, PageRequest.of(limit, cursor));
	}

	@PostMapping
	ResponseEntity<Member> add(Caller caller, @PathVariable UUID projectId,
			@Valid @RequestBody AddMemberRequest request) {
		Member added = this.members.add(caller, projectId, request.email(), request.role());
		return ResponseEntity.created(Locations.child(added.accountId())).body(added);
	}

	@PatchMapping("/{accountId}")
	Member changeRole(Caller caller, @PathVariable UUID projectId, @PathVariable UUID accountId,
			@Valid @RequestBody ChangeRoleRequest request) {
		return this.members.changeRole(caller, projectId, accountId, request.role());
	}

	@DeleteMapping("/{accountId}")
	ResponseEntity<Void> remove(Caller caller, @PathVariable UUID projectId, @PathVariable UUID accountId) {
		this.members.remove(caller, projectId, accountId);
		return ResponseEntity.noContent().build();
	}

	record AddMemberRequest(@NotBlank @Email @Size(max = 320) String email, @NotNull ProjectRole role) {

	}

	record ChangeRoleRequest(@NotNull ProjectRole role) {

	}

}
