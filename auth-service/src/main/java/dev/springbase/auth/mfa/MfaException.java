package dev.springbase.auth.mfa;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** Failures around second factors. */
final class MfaException extends ApiException {

	private MfaException(HttpStatus status, String code, String detail) {
		super(status, code, detail);
	}

	static MfaException codeInvalid() {
		return new MfaException(HttpStatus.UNAUTHORIZED, "auth.mfa_code_invalid",
				"The code is wrong or was already used; enter the current code from the authenticator app.");
	}

	static MfaException recoveryCodeInvalid() {
		return new MfaException(HttpStatus.UNAUTHORIZED, "auth.recovery_code_invalid",
				"The recovery code is wrong or was already used.");
	}

	static MfaException notFound(UUID factorId) {
		return new MfaException(HttpStatus.NOT_FOUND, "auth.factor_not_found", "No factor " + factorId + ".");
	}

	static MfaException aal2Required() {
		return new MfaException(HttpStatus.FORBIDDEN, "auth.aal2_required",
				"Removing a factor needs a session that passed a second factor; verify a code first.");
	}

	static MfaException noVerifiedFactor() {
		return new MfaException(HttpStatus.BAD_REQUEST, "auth.no_verified_factor",
				"Recovery codes exist only once a factor is verified.");
	}

}
