package dev.springbase.auth.projects;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Internal: the origins any project allows, for the gateway's CORS preflight. Not under
 * the API prefix, so the gateway never routes it from outside.
 */
@RestController
class AllowedOriginsController {

	private final ProjectService projects;

	AllowedOriginsController(ProjectService projects) {
		this.projects = projects;
	}

	@GetMapping("/internal/cors/allowed-origins")
	AllowedOriginsResponse allowedOrigins() {
		return new AllowedOriginsResponse(this.projects.allAllowedOrigins());
	}

	record AllowedOriginsResponse(List<String> origins) {

	}

}
