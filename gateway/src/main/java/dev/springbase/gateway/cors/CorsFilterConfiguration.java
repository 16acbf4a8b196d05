package dev.springbase.gateway.cors;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class CorsFilterConfiguration {

	@Bean
	FilterRegistrationBean<CorsPreflightFilter> corsPreflightFilter(CorsPolicy policy) {
		FilterRegistrationBean<CorsPreflightFilter> registration = new FilterRegistrationBean<>(
				new CorsPreflightFilter(policy));
		// After the request id and the per-address rate limit, before Spring Security.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
