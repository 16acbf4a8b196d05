package dev.springbase.functions.sdk.storage;

/**
 * A storage call that failed: refused by the storage service (with its status and problem
 * code, such as {@code 404 storage.object_not_found} or
 * {@code 413 storage.object_too_large}), or the service could not be reached
 * ({@code 503 storage.unreachable}).
 */
public class StorageException extends RuntimeException {

	private final int status;

	private final String code;

	/**
	 * @param status the HTTP status
	 * @param code the problem code
	 * @param detail what went wrong, as the service said it
	 */
	public StorageException(int status, String code, String detail) {
		this(status, code, detail, null);
	}

	public StorageException(int status, String code, String detail, Throwable cause) {
		super(status + " " + code + ": " + detail, cause);
		this.status = status;
		this.code = code;
	}

	/** The HTTP status the storage service answered with. */
	public int status() {
		return this.status;
	}

	/** The stable problem code, such as {@code storage.object_not_found}. */
	public String code() {
		return this.code;
	}

	/** No such object or bucket (in this project). */
	public boolean isNotFound() {
		return this.status == 404;
	}

}
