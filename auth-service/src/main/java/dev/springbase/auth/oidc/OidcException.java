package dev.springbase.auth.oidc;

import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** Failures of sign-in with an external provider, and refused provider settings. */
final class OidcException extends ApiException {

	private OidcException(HttpStatus status, String code, String detail) {
		super(status, code, detail);
	}

	private OidcException(HttpStatus status, String code, String detail, Map<String, Object> properties) {
		super(status, code, detail, properties);
	}

	static OidcException providerNotFound(String name) {
		return new OidcException(HttpStatus.NOT_FOUND, "auth.provider_not_found",
				"This project has no sign-in provider '" + name + "'; an admin adds it at /auth/v1/admin/providers.");
	}

	static OidcException unknownType(String type, String known) {
		return new OidcException(HttpStatus.BAD_REQUEST, "auth.provider_type_unknown",
				"There is no provider type '" + type + "'; use one of " + known + ".", Map.of("field", "type"));
	}

	static OidcException fieldMissing(ProviderType type, String field) {
		return new OidcException(HttpStatus.BAD_REQUEST, "auth.provider_field_missing",
				"A provider of type '" + type.value() + "' needs '" + field + "'.", Map.of("field", field));
	}

	static OidcException fieldUnexpected(ProviderType type, String field) {
		return new OidcException(HttpStatus.BAD_REQUEST, "auth.provider_field_unexpected",
				"A provider of type '" + type.value() + "' takes no '" + field
						+ "': the preset sets it. Leave it out, or use type 'oidc' to set everything yourself.",
				Map.of("field", field));
	}

	static OidcException privateKeyInvalid() {
		return new OidcException(HttpStatus.BAD_REQUEST, "auth.provider_private_key_invalid",
				"'privateKey' must be the PKCS#8 PEM of a P-256 (ES256) key, as in the .p8 file Apple lets you"
						+ " download once: -----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY-----.",
				Map.of("field", "privateKey"));
	}

	static OidcException typeChanged(String name, ProviderType existing) {
		return new OidcException(HttpStatus.CONFLICT, "auth.provider_type_changed", "The provider '" + name
				+ "' is of type '" + existing.value()
				+ "'; the accounts linked to it belong to that provider. Delete it first, or use another name.");
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
				"The provider at " + issuer + " could not be reached or gave no usable answer.");
	}

}
