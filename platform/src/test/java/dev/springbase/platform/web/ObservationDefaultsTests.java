package dev.springbase.platform.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ObservationDefaultsTests {

	@Test
	void switchesSecurityObservationsOffUnlessSetExplicitly() {
		assertThat(securityObservations(Map.of())).isFalse();
		assertThat(securityObservations(Map.of(ObservationDefaults.SECURITY_OBSERVATIONS, "true"))).isTrue();
	}

	private static Boolean securityObservations(Map<String, Object> settings) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("settings", settings));
		new ObservationDefaults().postProcessEnvironment(environment, new SpringApplication());
		return environment.getProperty(ObservationDefaults.SECURITY_OBSERVATIONS, Boolean.class);
	}

}
