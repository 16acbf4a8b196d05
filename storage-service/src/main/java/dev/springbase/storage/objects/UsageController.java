package dev.springbase.storage.objects;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.security.Caller;
import dev.springbase.storage.access.Requester;

/**
 * What a project stores against its quota. Project admins and viewers see it; only a
 * platform admin may change a project's limits, or a project could lift its own quota.
 */
@RestController
@RequestMapping("${springbase.api-prefix}/usage")
class UsageController {

	private final UsageRepository usage;

	UsageController(UsageRepository usage) {
		this.usage = usage;
	}

	@GetMapping
	UsageView show(Requester requester) {
		requester.requireAdminOrViewer();
		return UsageView.of(this.usage.current(requester.projectId()));
	}

	@PutMapping("/limits")
	UsageView setLimits(Requester requester, @Valid @RequestBody LimitsRequest request) {
		if (!Caller.current().isPlatformAdmin()) {
			throw ApiException.forbidden("storage.platform_admin_required",
					"Only a platform admin may change a project's storage limits.");
		}
		this.usage.setLimits(requester.projectId(), request.maxBytes(), request.maxObjects());
		return UsageView.of(this.usage.current(requester.projectId()));
	}

	/** Limits to set; a missing one returns to the configured default. */
	record LimitsRequest(@Nullable @PositiveOrZero Long maxBytes, @Nullable @PositiveOrZero Long maxObjects) {

	}

	/**
	 * @param defaultLimits whether the configured limits apply, rather than the project's
	 * own
	 */
	record UsageView(long bytes, long objects, long maxBytes, long maxObjects, boolean defaultLimits) {

		static UsageView of(UsageRepository.Usage usage) {
			return new UsageView(usage.bytes(), usage.objects(), usage.maxBytes(), usage.maxObjects(),
					usage.ownMaxBytes() == null && usage.ownMaxObjects() == null);
		}

	}

}
