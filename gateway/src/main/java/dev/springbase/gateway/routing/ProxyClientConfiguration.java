package dev.springbase.gateway.routing;

import java.net.http.HttpClient;

import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client that proxies to the services is the JDK's (set in application.yml).
 * Spring Boot gives it a virtual-thread executor when virtual threads are on, which is
 * what spring-cloud-gateway#4150 found the server-webmvc gateway needs to come close to
 * direct throughput; the cached platform-thread pool that the JDK uses otherwise caps it.
 */
@Configuration(proxyBeanMethods = false)
class ProxyClientConfiguration {

	/**
	 * HTTP/1.1 to the services: they speak nothing else in clear text, so the HTTP/2
	 * upgrade the JDK client would offer on every new connection is wasted, and a single
	 * multiplexed connection would cap concurrent requests per service
	 * (spring-cloud-gateway#3484).
	 */
	@Bean
	ClientHttpRequestFactoryBuilderCustomizer<JdkClientHttpRequestFactoryBuilder> http11ToServices() {
		return (builder) -> builder.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1));
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
