package dev.springbase.auth.users;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** Failures around end users. */
final class UserException extends ApiException {

	private UserException(HttpStatus status, String code, String detail) {
		super(status, code, detail);
	}

	private UserException(HttpStatus status, String code, String detail, Map<String, Object> properties) {
		super(status, code, detail, properties);
	}

	/** The same answer for an unknown email and a wrong password. */
	static UserException invalidCredentials() {
		return new UserException(HttpStatus.UNAUTHORIZED, "auth.invalid_credentials",
				"The email or password is wrong.");
	}

	static UserException exists() {
		return new UserException(HttpStatus.CONFLICT, "auth.user_already_exists",
				"A user with this email already exists in this project; sign in instead.");
	}

	static UserException identityLinkedElsewhere() {
		return new UserException(HttpStatus.CONFLICT, "auth.identity_already_linked",
				"This provider account already belongs to another user of the project; sign in with it instead.");
	}

	static UserException notFound(UUID userId) {
		return new UserException(HttpStatus.NOT_FOUND, "auth.user_not_found", "No user " + userId + ".");
	}

	static UserException gone() {
		return new UserException(HttpStatus.UNAUTHORIZED, "auth.user_not_found",
				"The user this token was issued to no longer exists; sign up again.");
	}

	static UserException weakPassword(String reason, List<String> suggestions) {
		return new UserException(HttpStatus.UNPROCESSABLE_CONTENT, "auth.weak_password",
				"The password is too weak: " + reason, Map.of("suggestions", suggestions));
	}

	static UserException emailAndPasswordTogether() {
		return invalid("auth.email_and_password_required",
				"Send both email and password to sign up with them, or neither to sign in anonymously.");
	}

	static UserException emailNotConfirmed() {
		return new UserException(HttpStatus.FORBIDDEN, "auth.email_not_confirmed",
				"Confirm the email address first: follow the link in the confirmation mail.");
	}

	static UserException unsupportedGrant(String grantType) {
		return invalid("auth.unsupported_grant_type",
				"grant_type must be password, refresh_token, oidc or passkey, was '" + grantType + "'.");
	}

	static UserException missingField(String field) {
		return invalid("auth.field_required", field + " is required for this grant.");
	}

	static UserException tokenOrCodeRequired() {
		return invalid("auth.token_or_code_required",
				"Send the token from the mailed link, or the email address and the mailed code.");
	}

	static UserException codeInvalid() {
		return new UserException(HttpStatus.UNAUTHORIZED, "auth.code_invalid",
				"The link or code is wrong, was already used, or was replaced by a newer one; ask for a new mail.");
	}

	static UserException codeExpired() {
		return new UserException(HttpStatus.UNAUTHORIZED, "auth.code_expired",
				"The link or code has expired; ask for a new mail.");
	}

	static UserException passwordRequiredToUpgrade() {
		return invalid("auth.password_required",
				"An anonymous user becomes a permanent one with an email and a password; send both.");
	}

	private static UserException invalid(String code, String detail) {
		return new UserException(HttpStatus.BAD_REQUEST, code, detail);
	}

}
