package dev.springbase.platform.web;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import dev.springbase.platform.errors.DatabaseUnavailable;
import dev.springbase.platform.errors.ProblemDetailsAdvice;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cap on parsed bodies is on in every service unless an application that streams all
 * bodies on switches it off; Tomcat's socket reads and writes change only where a size is
 * set, and encoded slashes always reach Spring Security's firewall. Database outages get
 * their own answer wherever there is data access, and the gateway, which has none, still
 * gets problem details.
 */
class PlatformWebAutoConfigurationTests {

	private final WebApplicationContextRunner contexts = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlatformWebAutoConfiguration.class));

	@Test
	void capsParsedBodiesByDefault() {
		this.contexts.run((context) -> assertThat(
				context.getBean("requestBodyLimitFilter", FilterRegistrationBean.class).getUrlPatterns())
			.containsExactly("/*"));
	}

	@Test
	void capsParsedBodiesOnTheConfiguredPathsOnly() {
		this.contexts.withPropertyValues("springbase.http.parsed-body-paths=/v1/settings/*,/v1/settings")
			.run((context) -> assertThat(
					context.getBean("requestBodyLimitFilter", FilterRegistrationBean.class).getUrlPatterns())
				.containsExactly("/v1/settings/*", "/v1/settings"));
	}

	@Test
	void readsSocketsInTheConfiguredSize() {
		Connector connector = customizedWith("springbase.http.socket-read-buffer-size=64KB");
		assertThat(String.valueOf(connector.getProperty("socket.appReadBufSize"))).isEqualTo("65536");
		assertThat(String.valueOf(connector.getProperty("socket.appWriteBufSize"))).isEqualTo("8192");
	}

	@Test
	void writesSocketsInTheConfiguredSize() {
		Connector connector = customizedWith("springbase.http.socket-write-buffer-size=64KB");
		assertThat(String.valueOf(connector.getProperty("socket.appWriteBufSize"))).isEqualTo("65536");
		assertThat(String.valueOf(connector.getProperty("socket.appReadBufSize"))).isEqualTo("8192");
	}

	@Test
	void leavesTomcatsSocketBuffersAloneUnlessSet() {
		Connector connector = customizedWith("springbase.http.limit-parsed-bodies=true");
		assertThat(String.valueOf(connector.getProperty("socket.appReadBufSize"))).isEqualTo("8192");
		assertThat(String.valueOf(connector.getProperty("socket.appWriteBufSize"))).isEqualTo("8192");
	}

	@Test
	void passesEncodedSlashesOnToTheFirewall() {
		Connector connector = customizedWith("springbase.http.limit-parsed-bodies=true");
		assertThat(connector.getEncodedSolidusHandling()).isEqualTo(EncodedSolidusHandling.PASS_THROUGH.getValue());
	}

	@Test
	void leavesBodiesUncappedWhenSwitchedOff() {
		this.contexts.withPropertyValues("springbase.http.limit-parsed-bodies=false")
			.run((context) -> assertThat(context).doesNotHaveBean("requestBodyLimitFilter").hasBean("requestIdFilter"));
	}

	@Test
	void answersDatabaseOutagesWhereThereIsDataAccess() {
		this.contexts.run((context) -> assertThat(context).hasSingleBean(DatabaseUnavailable.class)
			.hasSingleBean(ProblemDetailsAdvice.class));
	}

	@Test
	void startsWithoutDataAccessOnTheClassPath() {
		this.contexts
			.withClassLoader(new FilteredClassLoader("org.springframework.dao.", "org.springframework.transaction."))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DatabaseUnavailable.class)
				.hasSingleBean(ProblemDetailsAdvice.class));
	}

	private Connector customizedWith(String property) {
		Connector connector = new Connector();
		this.contexts.withPropertyValues(property)
			.run((context) -> context.getBeansOfType(TomcatConnectorCustomizer.class)
				.values()
				.forEach((customizer) -> customizer.customize(connector)));
		return connector;
	}

}
