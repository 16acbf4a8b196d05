package dev.springbase.gateway.cors;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.errors.ProblemResponses;

/**
 * Answers CORS preflights at the edge, before any route: they carry no API key, so no
 * service could judge them anyway.
 */
class CorsPreflightFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(CorsPreflightFilter.class);

	private final CorsPolicy policy;

	CorsPreflightFilter(CorsPolicy policy) {
		this.policy = policy;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!CorsUtils.isPreFlightRequest(request)) {
			chain.doFilter(request, response);
			return;
		}
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		try {
			if (!this.policy.allowedByAnyProject(origin)) {
				throw OriginNotAllowed.forAnyProject(origin);
			}
			this.policy.applyPreflight(response, origin);
			response.setStatus(HttpStatus.NO_CONTENT.value());
		}
		catch (ApiException ex) {
			log.warn("{} {}: {}", ex.getStatus().value(), ex.getCode(), ex.getMessage());
			ProblemResponses.write(response, ex);
		}
	}

}
