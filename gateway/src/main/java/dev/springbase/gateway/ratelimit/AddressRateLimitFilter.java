package dev.springbase.gateway.ratelimit;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.springbase.platform.errors.ProblemResponses;

/**
 * Budgets every request by client address before any work is done for it, so that a
 * flood, even of unknown keys or preflights, never reaches the auth service. Actuator
 * endpoints are left out: probes and scrapers must not be locked out.
 */
class AddressRateLimitFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(AddressRateLimitFilter.class);

	private final RateLimiter limiter;

	private final ClientAddress clientAddress;

	AddressRateLimitFilter(RateLimiter limiter, ClientAddress clientAddress) {
		this.limiter = limiter;
		this.clientAddress = clientAddress;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith("/actuator/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = this.clientAddress.of(request);
		try {
			this.limiter.checkAddress(address);
		}
		catch (RateLimited ex) {
			log.warn("429 {}: {} from {}", ex.getCode(), ex.getMessage(), address);
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
			ProblemResponses.write(response, ex);
			return;
		}
		chain.doFilter(request, response);
	}

}
