package dev.springbase.functions.triggers;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.functions.access.Requester;

@ConditionalOnBooleanProperty("springbase.events.enabled")
@RestController
@RequestMapping("${springbase.api-prefix}/functions/{name}/triggers")
class TriggerController {

	private final TriggerService triggers;

	TriggerController(TriggerService triggers) {
		this.triggers = triggers;
	}

	@GetMapping
	List<TriggerView> list(Requester requester, @PathVariable String name) {
		return this.triggers.list(requester, name);
	}

	/** Binds the function to events; see {@link TriggerRequest} for the body. */
	@PostMapping
	ResponseEntity<TriggerView> create(Requester requester, @PathVariable String name,
			@RequestBody TriggerRequest request) {
		TriggerView created = this.triggers.create(requester, name, request);
		return ResponseEntity.created(URI.create("/functions/v1/functions/" + name + "/triggers/" + created.id()))
			.body(created);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(Requester requester, @PathVariable String name, @PathVariable UUID id) {
		this.triggers.delete(requester, name, id);
		return ResponseEntity.noContent().build();
	}

}
