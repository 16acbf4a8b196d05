package dev.springbase.platform.web;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Spring Security observes every filter of every request, a span each when traced: in the
 * auth service a sixth of a token refresh's CPU, for spans nobody reads. Every service
 * and the gateway keep the HTTP server observation of each request instead. Explicit
 * settings win.
 */
class ObservationDefaults implements EnvironmentPostProcessor {

	static final String SECURITY_OBSERVATIONS = "management.observations.enable.spring.security";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource("springbaseObservationDefaults", Map.of(SECURITY_OBSERVATIONS, false)));
	}

}
