package dev.springbase.platform.web;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

import dev.springbase.platform.errors.DatabaseUnavailable;
import dev.springbase.platform.errors.ProblemDetailsAdvice;
import dev.springbase.platform.errors.ProblemErrorController;

/**
 * Request ids, body limits, problem details and Tomcat's socket reads and writes for
 * every service, registered before Boot's own error handling so that no response is ever
 * an HTML error page.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@EnableConfigurationProperties(PlatformWebProperties.class)
public class PlatformWebAutoConfiguration {

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		// Before Spring Security, so that refusals carry the request id too.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "springbase.http.limit-parsed-bodies", matchIfMissing = true)
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(PlatformWebProperties properties) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.maxParsedBodySize()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setUrlPatterns(properties.parsedBodyPaths());
		return registration;
	}

	@Bean
	ProblemDetailsAdvice problemDetailsAdvice(ObjectProvider<DatabaseUnavailable> database) {
		return new ProblemDetailsAdvice(database.getIfAvailable());
	}

	@Bean
	ProblemErrorController problemErrorController(ObjectProvider<DatabaseUnavailable> database) {
		return new ProblemErrorController(database.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.dao.DataAccessException",
			"org.springframework.jdbc.UncategorizedSQLException" })
	static class DatabaseErrors {

		@Bean
		DatabaseUnavailable databaseUnavailable() {
			return new DatabaseUnavailable();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TomcatConnectorCustomizer.class)
	static class TomcatConnector {

		/**
		 * Tomcat refuses a path with an encoded slash ({@code %2F}) itself, with an HTML
		 * page; passed through undecoded, Spring Security's firewall refuses it with a
		 * problem instead. Socket reads and writes keep Tomcat's size unless one is set.
		 */
		@Bean
		TomcatConnectorCustomizer platformConnector(PlatformWebProperties properties) {
			return (connector) -> {
				connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
				DataSize read = properties.socketReadBufferSize();
				if (read != null) {
					connector.setProperty("socket.appReadBufSize", String.valueOf(read.toBytes()));
				}
				DataSize write = properties.socketWriteBufferSize();
				if (write != null) {
					connector.setProperty("socket.appWriteBufSize", String.valueOf(write.toBytes()));
				}
			};
		}

	}

}
