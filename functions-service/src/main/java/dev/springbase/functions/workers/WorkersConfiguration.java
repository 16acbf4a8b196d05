package dev.springbase.functions.workers;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

import dev.springbase.functions.config.FunctionsProperties;
import dev.springbase.platform.web.RequestBodyLimitFilter;

@Configuration(proxyBeanMethods = false)
class WorkersConfiguration {

	/**
	 * A worker's answer carries the result (base64) and the log; user code holds the
	 * worker's token, so the size of what it posts is capped like any other body.
	 */
	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> runtimeApiBodyLimit(FunctionsProperties properties) {
		long max = properties.maxPayloadSize().toBytes() * 2 + properties.workers().maxLogSize().toBytes() * 2
				+ 64 * 1024;
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(DataSize.ofBytes(max)));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		registration.addUrlPatterns("/internal/workers/*");
		return registration;
	}

}
