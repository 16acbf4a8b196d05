package dev.springbase.functions.access;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.springbase.platform.security.ConsoleRoles;
import dev.springbase.functions.config.FunctionsProperties;

@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

	@Bean
	ConsoleRoles consoleRoles(FunctionsProperties properties) {
		return new ConsoleRoles(properties.authUrl(), "functions");
	}

	@Bean
	WebMvcConfigurer requesterArgumentResolverConfigurer(ConsoleRoles consoleRoles) {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new RequesterArgumentResolver(consoleRoles));
			}
		};
	}

}
