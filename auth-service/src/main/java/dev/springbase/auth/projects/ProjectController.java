package dev.springbase.auth.projects;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
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
@RequestMapping("${springbase.api-prefix}/projects")
class ProjectController {

	private final ProjectService projects;

	ProjectController(ProjectService projects) {
		this.projects = projects;
	}

	@PostMapping
	ResponseEntity<ProjectView> create(Caller caller, @Valid @RequestBody CreateProjectRequest request) {
		ProjectView created = this.projects.create(caller, request.name(), request.allowedOrigins());
		return ResponseEntity.created(Locations.child(created.id())).body(created);
	}

	@GetMapping
	CursorPage<ProjectView> list(Caller caller, @RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor) {
		return this.projects.list(caller, PageRequest.of(limit, cursor));
	}

	@GetMapping("/{projectId}")
	ProjectView get(Caller caller, @PathVariable UUID projectId) {
		return this.projects.get(caller, projectId);
	}

	@PatchMapping("/{projectId}")
	ProjectView update(Caller caller, @PathVariable UUID projectId, @Valid @RequestBody UpdateProjectRequest request) {
		return this.projects.update(caller, projectId, request.name(), request.allowedOrigins());
	}

	@DeleteMapping("/{projectId}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable UUID projectId) {
		this.projects.delete(caller, projectId);
		return ResponseEntity.noContent().build();
	}

	record CreateProjectRequest(@NotBlank @Size(max = 100) String name,
			@Nullable @Size(max = 100) List<@NotBlank String> allowedOrigins) {

	}

	/** Only the fields present change. */
	record UpdateProjectRequest(
			@Nullable @Size(min = 1, max = 100) @Pattern(regexp = "(?s).*\\S.*",
					message = "must not be blank") String name,
			@Nullable @Size(max = 100) List<@NotBlank String> allowedOrigins) {

	}

}
