package dev.springbase.auth.oidc;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** Failures of sign-in with an external provider. */
final class OidcException extends ApiException {

	private OidcException(HttpStatus status, String code, String detail) {
		super(status, code, detail);
	}

	static OidcException providerNotFound(String name) {
		return new OidcException(HttpStatus.NOT_FOUND, "auth.provider_not_found",
				"This project has no sign-in provider '" + name + "'; an admin adds it at /auth/v1/admin/providers.");
	}

	static OidcException stateInvalid() {
		return new OidcException(HttpStatus.UNAUTHORIZED, "auth.oidc_state_invalid",
				"The state does not belong to a sign-in started here, was used already or has expired; start again.");
	}

	static OidcException rejected(String why) {
		return new OidcException(HttpStatus.UNAUTHORIZED, "auth.oidc_rejected",
				"The provider's answer was not accepted: " + why);
	}

	static OidcException unavailable(String issuer) {
		return new OidcException(HttpStatus.BAD_GATEWAY, "auth.provider_unavailable",
				"The provider at " + issuer + " could not be reached or gave no usable OpenID configuration.");
	}

}
