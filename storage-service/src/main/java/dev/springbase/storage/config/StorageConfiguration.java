package dev.springbase.storage.config;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.springbase.platform.web.RequestBodyLimitFilter;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * The platform caps JSON and text bodies, which this service would otherwise apply to
	 * uploaded JSON or text files too. Uploads enforce their own limits while streaming,
	 * so the cap stays on the JSON endpoints only.
	 */
	@Bean
	static BeanPostProcessor bodyLimitOnJsonEndpointsOnly() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof FilterRegistrationBean<?> registration
						&& registration.getFilter() instanceof RequestBodyLimitFilter) {
					registration.setUrlPatterns(List.of("/storage/v1/bucket/*", "/storage/v1/bucket",
							"/storage/v1/object/copy", "/storage/v1/object/move", "/storage/v1/object/sign/*",
							"/storage/v1/object/upload/sign/*"));
				}
				return bean;
			}
		};
	}

}
