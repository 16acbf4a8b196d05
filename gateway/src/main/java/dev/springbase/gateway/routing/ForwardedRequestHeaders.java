package dev.springbase.gateway.routing;

import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;

import dev.springbase.gateway.ratelimit.ClientAddress;
import dev.springbase.platform.web.RequestIdFilter;

/**
 * Tells the service what only the edge knows: the request id this request is logged under
 * (the caller's, or the one the gateway gave it) and the client's address, as the gateway
 * determined it.
 */
@Component
class ForwardedRequestHeaders implements RequestHttpHeadersFilter, Ordered {

	private static final String FORWARDED_FOR = "X-Forwarded-For";

	private final ClientAddress clientAddress;

	ForwardedRequestHeaders(ClientAddress clientAddress) {
		this.clientAddress = clientAddress;
	}

	@Override
	public HttpHeaders apply(HttpHeaders input, ServerRequest request) {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(input);
		if (request.servletRequest().getAttribute(RequestIdFilter.ATTRIBUTE) instanceof String requestId) {
			headers.set(RequestIdFilter.HEADER, requestId);
		}
		headers.set(FORWARDED_FOR, this.clientAddress.of(request.servletRequest()));
		return headers;
	}

	@Override
	public int getOrder() {
		// After the gateway's own filter has dropped the X-Forwarded headers the client
		// sent.
		return 100;
	}

}
