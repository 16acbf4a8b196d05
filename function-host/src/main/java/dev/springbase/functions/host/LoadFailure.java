package dev.springbase.functions.host;

/**
 * Why a deployment's handler cannot be used. The reason is a stable word the functions
 * service turns into a problem code.
 */
final class LoadFailure extends Exception {

	enum Reason {

		INVALID_JAR, HANDLER_NOT_FOUND, NOT_A_FUNCTION, HANDLER_FAILED;

		String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private final Reason reason;

	LoadFailure(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	LoadFailure(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	Reason reason() {
		return this.reason;
	}

}
