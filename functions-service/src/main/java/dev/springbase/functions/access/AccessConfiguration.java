package dev.springbase.functions.access;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.springbase.functions.config.FunctionsProperties;

@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

	@Bean
	ProjectRoles projectRoles(FunctionsProperties properties) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(Duration.ofSeconds(5));
		return new ProjectRoles(
				RestClient.builder().requestFactory(requests).baseUrl(properties.authUrl().toString()).build());
	}

	@Bean
	WebMvcConfigurer requesterArgumentResolverConfigurer(ProjectRoles projectRoles) {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new RequesterArgumentResolver(projectRoles));
			}
		};
	}

}
