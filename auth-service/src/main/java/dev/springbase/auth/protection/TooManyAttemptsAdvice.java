package dev.springbase.auth.protection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.springbase.platform.errors.Problems;

/** Adds {@code Retry-After} (RFC 9110) to the problem answer of a throttled attempt. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TooManyAttemptsAdvice {

	private static final Logger log = LoggerFactory.getLogger(TooManyAttemptsAdvice.class);

	@ExceptionHandler(TooManyAttempts.class)
	ResponseEntity<ProblemDetail> handle(TooManyAttempts ex) {
		log.warn("429 {}: {}", ex.getCode(), ex.getMessage());
		ProblemDetail problem = Problems.of(ex.getStatus(), ex.getCode(), ex.getMessage());
		ex.getProperties().forEach(problem::setProperty);
		return ResponseEntity.status(ex.getStatus())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.contentType(Problems.MEDIA_TYPE)
			.body(problem);
	}

}
