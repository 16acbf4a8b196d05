package dev.springbase.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.errors.ProblemResponses;

/** Answers authentication and authorization failures with problem+json. */
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer");
		ApiException problem = (authException instanceof InvalidBearerTokenException)
				? ApiException.unauthorized("auth.invalid_token",
						"The bearer token is expired, malformed or not signed by this platform.")
				: ApiException.unauthorized("auth.unauthenticated",
						"This endpoint needs a bearer token; send an API key through the gateway or sign in.");
		ProblemResponses.write(response, problem);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		ProblemResponses.write(response, new ApiException(HttpStatus.FORBIDDEN, "auth.forbidden",
				"Your credentials do not allow this operation."));
	}

}
