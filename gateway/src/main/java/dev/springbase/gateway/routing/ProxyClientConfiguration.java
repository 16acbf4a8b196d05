package dev.springbase.gateway.routing;

import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.util.TimeValue;

import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import dev.springbase.gateway.GatewayProperties;

/**
 * The HTTP client that proxies to the services is Apache HttpClient's classic, blocking
 * one (set in application.yml). Each request runs on its own virtual thread, which reads
 * and writes the pooled connection itself; the JDK client hands every exchange to its
 * selector thread and back, which cost the gateway twice the CPU per request
 * (docs/benchmarks/gateway.md).
 */
@Configuration(proxyBeanMethods = false)
class ProxyClientConfiguration {

	@Bean
	ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> pooledConnectionsToServices(
			GatewayProperties properties) {
		int perService = properties.proxy().connectionsPerService();
		return (builder) -> builder
			.withConnectionManagerCustomizer((connections) -> connections.setMaxConnPerRoute(perService)
				.setMaxConnTotal(perService * GatewayProperties.Service.values().length)
				.setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
					.http1Config(Http1Config.custom().setBufferSize(BodyChunks.CHUNK_SIZE).build())
					.build()))
			// Idle connections close before the services' keep-alive ends them. No
			// retries: a proxy passes a service's 503 or 429 on to the client, which
			// decides, and cannot resend a body it has already streamed.
			.withHttpClientCustomizer(
					(client) -> client.evictIdleConnections(TimeValue.of(properties.proxy().idleConnectionTimeout()))
						.disableAutomaticRetries());
	}

	/**
	 * Replaces the stock proxy, which the gateway's auto-configuration makes only when
	 * none exists.
	 */
	@Bean
	ProxyExchange chunkedProxyExchange(RestClient.Builder restClient, GatewayMvcProperties properties) {
		return new ChunkedProxyExchange(restClient.build(), properties);
	}

	@Bean
	ChunkedRequestBodies chunkedRequestBodies() {
		return new ChunkedRequestBodies();
	}

}
