package dev.springbase.storage.objects;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.storage.access.Requester;

/** A project's storage usage and limits; see {@link UsageService}. */
@RestController
@RequestMapping("${springbase.api-prefix}/usage")
class UsageController {

	private final UsageService usage;

	UsageController(UsageService usage) {
		this.usage = usage;
	}

	@GetMapping
	UsageView show(Requester requester) {
		return UsageView.of(this.usage.show(requester));
	}

	@PutMapping("/limits")
	UsageView setLimits(Requester requester, @Valid @RequestBody LimitsRequest request) {
		return UsageView.of(this.usage.setLimits(requester, request.maxBytes(), request.maxObjects()));
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
