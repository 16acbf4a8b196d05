package dev.springbase.gateway.routing;

import java.net.http.HttpClient;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.springbase.platform.web.RequestBodyLimitFilter;

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
	 * The platform caps bodies that a service parses in memory. The gateway parses none:
	 * it streams every body to the service that owns the route, which enforces its own
	 * cap. Capping here would cut uploads of JSON or text files off halfway through the
	 * proxying.
	 */
	@Bean
	static BeanPostProcessor streamedBodiesAreNotCapped() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof FilterRegistrationBean<?> registration
						&& registration.getFilter() instanceof RequestBodyLimitFilter) {
					registration.setEnabled(false);
				}
				return bean;
			}
		};
	}

}
