package dev.springbase.platform.errors;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import dev.springbase.platform.web.RequestIdFilter;

/**
 * Builds the problem details every Springbase service answers with, so that filters, the
 * error controller and the exception handler all speak the same shape.
 */
public final class Problems {

	/** The media type of every error response (RFC 9457). */
	public static final MediaType MEDIA_TYPE = MediaType.APPLICATION_PROBLEM_JSON;

	private Problems() {
	}

	public static ProblemDetail of(HttpStatusCode status, String code, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://springbase.dev/problems/" + code));
		return withCode(problem, code);
	}

	/** Adds the stable code and the request id to a problem made elsewhere. */
	public static ProblemDetail withCode(ProblemDetail problem, String code) {
		problem.setProperty("code", code);
		String requestId = MDC.get(RequestIdFilter.MDC_KEY);
		if (requestId != null) {
			problem.setProperty("requestId", requestId);
		}
		return problem;
	}

}
