package dev.springbase.functions.catalog;

import dev.springbase.platform.errors.ApiException;

/** Expected failures around functions, their versions and settings. */
public final class FunctionException {

	private FunctionException() {
	}

	public static ApiException notFound(String name) {
		return ApiException.notFound("functions.function_not_found",
				"No function '" + name + "' in this project. List functions with GET /functions/v1/functions.");
	}

	static ApiException versionNotFound(String name, int number) {
		return ApiException.notFound("functions.version_not_found", "Function '" + name + "' has no version " + number
				+ ". List its versions with GET /functions/v1/functions/" + name + "/versions.");
	}

	static ApiException secretNotFound(String name, String secret) {
		return ApiException.notFound("functions.secret_not_found",
				"Function '" + name + "' has no secret '" + secret + "'.");
	}

	static ApiException noActiveVersion(String name) {
		return ApiException.conflict("functions.no_active_version",
				"Function '" + name + "' has no active version; deploy one, or activate one of its versions.");
	}

	static ApiException invalidName(String name) {
		return ApiException.badRequest("functions.invalid_name", "'" + name
				+ "' cannot name a function: use 1 to 63 lower-case letters, digits, dashes or underscores, starting "
				+ "with a letter or digit, and none of " + FunctionNames.RESERVED + ".");
	}

	static ApiException invalidSetting(String detail) {
		return ApiException.badRequest("functions.invalid_setting", detail);
	}

}
