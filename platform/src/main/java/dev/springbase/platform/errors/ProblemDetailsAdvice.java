package dev.springbase.platform.errors;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.springbase.platform.crypto.MasterKeyMismatch;
import dev.springbase.platform.web.RequestBodyLimitFilter;

/**
 * Turns every exception that reaches Spring MVC into an RFC 9457 problem with a stable
 * {@code code} and the request id. Expected failures log at warn without a stack trace;
 * anything else is a bug and logs at error with it, while the client sees no internals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private final @Nullable DatabaseUnavailable database;

	/**
	 * @param database answers failures to reach the database, where the service has one
	 */
	public ProblemDetailsAdvice(@Nullable DatabaseUnavailable database) {
		this.database = database;
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> handleApiException(ApiException ex) {
		log.warn("{} {}: {}", ex.getStatus().value(), ex.getCode(), ex.getMessage());
		ProblemDetail problem = Problems.of(ex.getStatus(), ex.getCode(), ex.getMessage());
		ex.getProperties().forEach(problem::setProperty);
		return problem(problem);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
		List<Map<String, String>> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> Map.of("field", lastNode(violation.getPropertyPath().toString()), "message",
					violation.getMessage()))
			.toList();
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "request.validation_failed",
				"Some fields are not valid; see errors.");
		problem.setProperty("errors", errors);
		return problem(problem);
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<Object> handleAuthentication(AuthenticationException ex) {
		return problem(Problems.of(HttpStatus.UNAUTHORIZED, "auth.unauthenticated", ex.getMessage()));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex) {
		return problem(
				Problems.of(HttpStatus.FORBIDDEN, "auth.forbidden", "Your credentials do not allow this operation."));
	}

	/**
	 * Not a bug but a misconfiguration: the log says what to set, the client that it
	 * waits.
	 */
	@ExceptionHandler(MasterKeyMismatch.class)
	ResponseEntity<Object> handleMasterKeyMismatch(MasterKeyMismatch ex) {
		log.error("500 internal.master_key_mismatch: {}", ex.getMessage());
		return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal.master_key_mismatch",
				"This service cannot read the secrets in its database: its master key is not the one they were "
						+ "encrypted with. An administrator has to set the right key (see the service's log)."));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<?> handleUnexpected(Exception ex) {
		ResponseEntity<ProblemDetail> unavailable = (this.database != null) ? this.database.answerFor(ex) : null;
		if (unavailable != null) {
			return unavailable;
		}
		log.error("Unexpected error", (this.database != null) ? this.database.toReport(ex) : ex);
		return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal.error",
				"Something went wrong on our side. Quote the requestId when you report it."));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "request.validation_failed",
				"Some fields are not valid; see errors.");
		problem.setProperty("errors", fieldErrors(ex.getBindingResult()));
		return problem(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> Map.of("field", String.valueOf(result.getMethodParameter().getParameterName()),
						"message", String.valueOf(error.getDefaultMessage()))))
			.toList();
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "request.validation_failed",
				"Some parameters are not valid; see errors.");
		problem.setProperty("errors", errors);
		return problem(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ApiException cause = apiCause(ex);
		if (cause != null) {
			return handleApiException(cause);
		}
		log.warn("400 request.malformed_body: {}", ex.getMessage());
		return problem(Problems.of(HttpStatus.BAD_REQUEST, "request.malformed_body",
				"The request body could not be read. Send valid JSON that matches the documented shape."));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = (body instanceof ProblemDetail given) ? given
				: ProblemDetail.forStatusAndDetail(statusCode, ex.getMessage());
		String code = codeOf(ex, statusCode);
		if (statusCode.is5xxServerError()) {
			log.error("{} {}", statusCode.value(), code, ex);
			problem.setDetail("Something went wrong on our side. Quote the requestId when you report it.");
		}
		else {
			log.warn("{} {}: {}", statusCode.value(), code, ex.getMessage());
		}
		Problems.withCode(problem, code);
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setType(URI.create("https://springbase.dev/problems/" + code));
		}
		problem.setInstance(null);
		return ResponseEntity.status(statusCode).headers(headers).contentType(Problems.MEDIA_TYPE).body(problem);
	}

	static String codeOf(Exception ex, HttpStatusCode status) {
		return switch (ex) {
			case HttpRequestMethodNotSupportedException e -> "request.method_not_allowed";
			case HttpMediaTypeNotSupportedException e -> "request.unsupported_media_type";
			case HttpMediaTypeNotAcceptableException e -> "request.not_acceptable";
			case MissingServletRequestParameterException e -> "request.missing_parameter";
			case MissingServletRequestPartException e -> "request.missing_part";
			case ServletRequestBindingException e -> "request.binding_failed";
			case NoHandlerFoundException e -> "request.route_not_found";
			case NoResourceFoundException e -> "request.route_not_found";
			case TypeMismatchException e -> "request.invalid_parameter";
			case MaxUploadSizeExceededException e -> RequestBodyLimitFilter.CODE;
			case AsyncRequestTimeoutException e -> "request.timeout";
			default -> status.is4xxClientError() ? "request.invalid" : "internal.error";
		};
	}

	private static List<Map<String, String>> fieldErrors(BindingResult result) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : result.getFieldErrors()) {
			errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
		}
		result.getGlobalErrors()
			.forEach((error) -> errors
				.add(Map.of("field", error.getObjectName(), "message", String.valueOf(error.getDefaultMessage()))));
		return errors;
	}

	private static @Nullable ApiException apiCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ApiException api) {
				return api;
			}
		}
		return null;
	}

	private static String lastNode(String path) {
		int dot = path.lastIndexOf('.');
		return (dot >= 0) ? path.substring(dot + 1) : path;
	}

	private static ResponseEntity<Object> problem(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(Problems.MEDIA_TYPE).body(problem);
	}

}
