package dev.springbase.platform.errors;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.platform.web.RequestBodyLimitFilter;
import dev.springbase.platform.web.RequestIdFilter;

/**
 * Answers the container's error dispatch (errors raised outside Spring MVC, such as a
 * body rejected by Tomcat) with problem+json instead of Boot's default error page.
 */
@RestController
public class ProblemErrorController implements ErrorController {

	private static final Map<Integer, String> CODES = Map.of(400, "request.invalid", 401, "auth.unauthenticated", 403,
			"auth.forbidden", 404, "request.route_not_found", 405, "request.method_not_allowed", 413,
			RequestBodyLimitFilter.CODE, 415, "request.unsupported_media_type");

	private final @Nullable DatabaseUnavailable database;

	/**
	 * @param database answers failures to reach the database (where the service has one)
	 * as in a controller: filters that read or write it fail the same way
	 */
	public ProblemErrorController(@Nullable DatabaseUnavailable database) {
		this.database = database;
	}

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		if (this.database != null) {
			ResponseEntity<ProblemDetail> unavailable = this.database
				.answerFor((Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
			if (unavailable != null) {
				return unavailable;
			}
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = HttpStatus.resolve((code instanceof Integer value) ? value : 500);
		if (status == null || !status.isError()) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		String problemCode = CODES.getOrDefault(status.value(),
				status.is5xxServerError() ? "internal.error" : "request.invalid");
		String detail = status.is5xxServerError()
				? "Something went wrong on our side. Quote the requestId when you report it."
				: status.getReasonPhrase();
		ProblemDetail problem = Problems.of(status, problemCode, detail);
		Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
		if (requestId != null) {
			problem.setProperty("requestId", requestId);
		}
		return ResponseEntity.status(status).contentType(Problems.MEDIA_TYPE).body(problem);
	}

}
