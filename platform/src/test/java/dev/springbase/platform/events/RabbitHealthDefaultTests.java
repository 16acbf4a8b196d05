package dev.springbase.platform.events;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.support.TestPropertySourceUtils;

import static org.assertj.core.api.Assertions.assertThat;

class RabbitHealthDefaultTests {

	@Test
	void rabbitHealthCountsOnlyWhenEventsTravelOverRabbit() {
		assertThat(healthEnabled()).isFalse();
		assertThat(healthEnabled("springbase.events.enabled=true")).isFalse();
		assertThat(healthEnabled("springbase.events.enabled=true", "springbase.events.transport=postgres")).isFalse();
		assertThat(healthEnabled("springbase.events.enabled=true", "springbase.events.transport=rabbitmq")).isTrue();
		assertThat(healthEnabled("springbase.events.transport=rabbitmq")).isFalse();
	}

	@Test
	void anExplicitSettingWins() {
		assertThat(healthEnabled("management.health.rabbit.enabled=true")).isTrue();
		assertThat(healthEnabled("springbase.events.enabled=true", "springbase.events.transport=rabbitmq",
				"management.health.rabbit.enabled=false"))
			.isFalse();
	}

	private static Boolean healthEnabled(String... properties) {
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment, properties);
		new RabbitHealthDefault().postProcessEnvironment(environment, new SpringApplication());
		return environment.getProperty(RabbitHealthDefault.PROPERTY, Boolean.class);
	}

}
