package dev.springbase.gateway.routing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.handler.RestClientProxyExchange;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * The gateway's stock proxy, with response bodies copied in {@link BodyChunks}. Streaming
 * media types (server-sent events and the like) keep the stock copy that flushes every
 * read, which does not go through {@code transferTo}.
 */
class ChunkedProxyExchange extends RestClientProxyExchange {

	ChunkedProxyExchange(RestClient restClient, GatewayMvcProperties properties) {
		super(restClient, properties);
	}

	@Override
	protected int copyResponseBody(ClientHttpResponse response, InputStream body, OutputStream out) throws IOException {
		return super.copyResponseBody(response, new FilterInputStream(body) {

			@Override
			public long transferTo(OutputStream target) throws IOException {
				return BodyChunks.copy(this.in, target);
			}

		}, out);
	}

}
