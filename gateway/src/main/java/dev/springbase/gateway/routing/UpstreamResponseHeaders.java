package dev.springbase.gateway.routing;

import java.util.Locale;

import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.ResponseHttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerResponse;

import dev.springbase.platform.web.RequestIdFilter;

/**
 * Drops the response headers that the gateway owns: the request id (already set by the
 * gateway, with the same value) and CORS, which only the gateway decides.
 */
@Component
class UpstreamResponseHeaders implements ResponseHttpHeadersFilter {

	@Override
	public HttpHeaders apply(HttpHeaders input, ServerResponse response) {
		HttpHeaders kept = new HttpHeaders();
		input.forEach((name, values) -> {
			if (!ownedByGateway(name)) {
				kept.addAll(name, values);
			}
		});
		return kept;
	}

	private static boolean ownedByGateway(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.equals(RequestIdFilter.HEADER.toLowerCase(Locale.ROOT)) || lower.startsWith("access-control-");
	}

}
