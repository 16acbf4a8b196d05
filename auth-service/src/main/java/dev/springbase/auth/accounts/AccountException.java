package dev.springbase.auth.accounts;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** Failures around console accounts. */
public final class AccountException extends ApiException {

	private AccountException(HttpStatus status, String code, String detail) {
		super(status, code, detail);
	}

	static AccountException invalidCredentials() {
		return new AccountException(HttpStatus.UNAUTHORIZED, "auth.invalid_credentials",
				"The email or password is wrong.");
	}

	static AccountException exists(String email) {
		return new AccountException(HttpStatus.CONFLICT, "auth.account_exists",
				"An account with email " + email + " already exists.");
	}

	static AccountException gone() {
		return new AccountException(HttpStatus.UNAUTHORIZED, "auth.account_not_found",
				"The account this token was issued to no longer exists; sign in again.");
	}

	public static AccountException notFound(String email) {
		return new AccountException(HttpStatus.NOT_FOUND, "auth.account_not_found",
				"No console account has email " + email + "; create it first (POST /auth/v1/console/accounts).");
	}

	static AccountException accountRequired() {
		return new AccountException(HttpStatus.FORBIDDEN, "auth.account_required",
				"This endpoint is for console accounts; sign in at /auth/v1/console/login.");
	}

	static AccountException adminRequired() {
		return new AccountException(HttpStatus.FORBIDDEN, "auth.admin_required", "Only a platform admin may do this.");
	}

}
