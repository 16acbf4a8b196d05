package dev.springbase.platform.events;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Services ship with RabbitMQ support so that
 * {@code springbase.events.transport=rabbitmq} is a setting, not a rebuild; while events
 * travel over PostgreSQL, an unreachable broker must not turn their health down. Explicit
 * settings of the health indicator win.
 */
class RabbitHealthDefault implements EnvironmentPostProcessor {

	static final String PROPERTY = "management.health.rabbit.enabled";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean overRabbit = "rabbitmq".equalsIgnoreCase(environment.getProperty("springbase.events.transport"))
				&& environment.getProperty("springbase.events.enabled", Boolean.class, false);
		environment.getPropertySources()
			.addLast(new MapPropertySource("springbaseRabbitHealthDefault", Map.of(PROPERTY, overRabbit)));
	}

}
