package dev.springbase.platform.errors;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * An expected failure that the caller can act on. It becomes an RFC 9457 problem with a
 * stable {@code code} (for example {@code auth.project_not_found}) and the detail as
 * given: say what was wrong and how to fix it.
 */
public class ApiException extends RuntimeException {

	private final HttpStatusCode status;

	private final String code;

	private final Map<String, Object> properties;

	public ApiException(HttpStatusCode status, String code, String detail) {
		this(status, code, detail, Map.of());
	}

	public ApiException(HttpStatusCode status, String code, String detail, Map<String, Object> properties) {
		super(detail);
		this.status = status;
		this.code = code;
		this.properties = Map.copyOf(properties);
	}

	public static ApiException badRequest(String code, String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
	}

	public static ApiException unauthorized(String code, String detail) {
		return new ApiException(HttpStatus.UNAUTHORIZED, code, detail);
	}

	public static ApiException forbidden(String code, String detail) {
		return new ApiException(HttpStatus.FORBIDDEN, code, detail);
	}

	public static ApiException notFound(String code, String detail) {
		return new ApiException(HttpStatus.NOT_FOUND, code, detail);
	}

	public static ApiException conflict(String code, String detail) {
		return new ApiException(HttpStatus.CONFLICT, code, detail);
	}

	public HttpStatusCode getStatus() {
		return this.status;
	}

	public String getCode() {
		return this.code;
	}

	public Map<String, Object> getProperties() {
		return this.properties;
	}

}
