package dev.springbase.platform.security;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET <prefix>/whoami}: who this service sees the caller as. It lets a developer
 * check which project and role a key or token reaches a service with.
 */
@RestController
class WhoAmIController {

	@GetMapping("${springbase.api-prefix}/whoami")
	WhoAmI whoAmI(Caller caller) {
		return new WhoAmI(caller.kind().claimValue(), caller.subject(), caller.projectId(), caller.role());
	}

	record WhoAmI(String kind, String subject, @Nullable UUID projectId, String role) {

	}

}
