package dev.springbase.storage.objects;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.security.Caller;
import dev.springbase.storage.access.Requester;

/**
 * What a project stores against its quota. Project admins and viewers see it; only a
 * platform admin may change a project's limits, or a project could lift its own quota.
 */
@Service
class UsageService {

	private final UsageRepository usage;

	UsageService(UsageRepository usage) {
		this.usage = usage;
	}

	UsageRepository.Usage show(Requester requester) {
		requester.requireAdminOrViewer();
		return this.usage.current(requester.projectId());
	}

	UsageRepository.Usage setLimits(Requester requester, @Nullable Long maxBytes, @Nullable Long maxObjects) {
		if (!Caller.current().isPlatformAdmin()) {
			throw ApiException.forbidden("storage.platform_admin_required",
					"Only a platform admin may change a project's storage limits.");
		}
		this.usage.setLimits(requester.projectId(), maxBytes, maxObjects);
		return this.usage.current(requester.projectId());
	}

}
