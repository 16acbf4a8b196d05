package dev.springbase.platform.events;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.platform.security.Caller;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

/**
 * The dead-letter list over HTTP. Platform admins see every dead letter; the secret key
 * of a project sees those of its own project; anyone else is refused. Dead letters of
 * other projects answer 404, as if they did not exist.
 */
@RestController
// Also checked here: a component scan of this package must not pick it up on its own.
@ConditionalOnBooleanProperty("springbase.events.enabled")
@RequestMapping("${springbase.api-prefix}/events/dead-letters")
class DeadLetterController {

	private final DeadLetters deadLetters;

	DeadLetterController(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@GetMapping
	CursorPage<DeadLetter> list(Caller caller, @RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable String subscription) {
		UUID project = visibleProject(caller);
		return this.deadLetters.list(PageRequest.of(limit, cursor), project, subscription);
	}

	@GetMapping("/{id}")
	DeadLetter get(Caller caller, @PathVariable UUID id) {
		return visible(caller, id);
	}

	@PostMapping("/{id}/replay")
	ResponseEntity<DeadLetter> replay(Caller caller, @PathVariable UUID id) {
		visible(caller, id);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(this.deadLetters.replay(id));
	}

	private DeadLetter visible(Caller caller, UUID id) {
		UUID project = visibleProject(caller);
		DeadLetter deadLetter = this.deadLetters.find(id).orElseThrow(() -> EventsErrors.deadLetterNotFound(id));
		if (project != null && !project.equals(deadLetter.project())) {
			throw EventsErrors.deadLetterNotFound(id);
		}
		return deadLetter;
	}

	/** The project the caller may see, or null for a platform admin, who sees all. */
	private static @Nullable UUID visibleProject(Caller caller) {
		if (caller.isPlatformAdmin()) {
			return null;
		}
		if (!caller.isAccount() && caller.isServiceRole()) {
			return caller.requireProject();
		}
		throw EventsErrors.forbidden();
	}

}
