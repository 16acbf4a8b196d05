package dev.springbase.platform.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cap on parsed bodies is on in every service unless an application that streams all
 * bodies on switches it off.
 */
class PlatformWebAutoConfigurationTests {

	private final WebApplicationContextRunner contexts = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlatformWebAutoConfiguration.class));

	@Test
	void capsParsedBodiesByDefault() {
		this.contexts.run((context) -> assertThat(context).hasBean("requestBodyLimitFilter"));
	}

	@Test
	void leavesBodiesUncappedWhenSwitchedOff() {
		this.contexts.withPropertyValues("springbase.http.limit-parsed-bodies=false")
			.run((context) -> assertThat(context).doesNotHaveBean("requestBodyLimitFilter").hasBean("requestIdFilter"));
	}

}
