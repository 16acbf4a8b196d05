package dev.springbase.gateway.routing;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.springbase.gateway.GatewayProperties.Service;
import dev.springbase.gateway.cors.CorsPolicy;
import dev.springbase.gateway.ratelimit.RateLimited;
import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.errors.Problems;

/**
 * The outermost filter of every proxied route: refusals and unreachable services become
 * problem+json here rather than in the platform's exception handler, because the answer
 * needs what only the gateway knows, the CORS headers of an approved origin and
 * Retry-After. Proxied responses get the CORS headers too.
 */
public final class ProblemFilter implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	private static final Logger log = LoggerFactory.getLogger(ProblemFilter.class);

	private final Service service;

	private ProblemFilter(Service service) {
		this.service = service;
	}

	public static ProblemFilter forService(Service service) {
		return new ProblemFilter(service);
	}

	@Override
	public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
		try {
			ServerResponse response = next.handle(request);
			approvedOrigin(request).ifPresent((origin) -> CorsPolicy.applyActual(response.headers(), origin));
			return response;
		}
		catch (ApiException ex) {
			log.warn("{} {}: {}", ex.getStatus().value(), ex.getCode(), ex.getMessage());
			return problem(ex, request);
		}
		catch (ResourceAccessException ex) {
			log.warn("503 gateway.service_unavailable: the {} service cannot be reached: {}", this.service.id(),
					ex.getMessage());
			return problem(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "gateway.service_unavailable",
					"The " + this.service.id() + " service cannot be reached. Retry shortly."), request);
		}
	}

	private static ServerResponse problem(ApiException ex, ServerRequest request) {
		ProblemDetail problem = Problems.of(ex.getStatus(), ex.getCode(), ex.getMessage());
		ex.getProperties().forEach(problem::setProperty);
		return ServerResponse.status(ex.getStatus()).contentType(Problems.MEDIA_TYPE).headers((headers) -> {
			if (ex instanceof RateLimited limited) {
				headers.set(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
			}
			approvedOrigin(request).ifPresent((origin) -> CorsPolicy.applyActual(headers, origin));
		}).body(problem);
	}

	private static Optional<String> approvedOrigin(ServerRequest request) {
		return (request.servletRequest().getAttribute(CorsPolicy.APPROVED_ORIGIN) instanceof String origin)
				? Optional.of(origin) : Optional.empty();
	}

}
