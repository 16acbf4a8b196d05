package dev.springbase.functions.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.springbase.functions.config.FunctionsProperties;

@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

	@Bean
	SecretCipher secretCipher(FunctionsProperties properties) {
		return SecretCipher.from(properties);
	}

}
