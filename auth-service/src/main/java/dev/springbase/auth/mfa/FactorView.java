package dev.springbase.auth.mfa;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A factor as its user sees it: never the secret. */
record FactorView(UUID id, String type, @Nullable String friendlyName, boolean verified, Instant createdAt) {

	static FactorView of(Factor factor) {
		return new FactorView(factor.id(), "totp", factor.friendlyName(), factor.verifiedAt() != null,
				factor.createdAt());
	}

}
