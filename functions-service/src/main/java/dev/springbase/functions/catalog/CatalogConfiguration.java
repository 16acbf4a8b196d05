package dev.springbase.functions.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.springbase.functions.config.FunctionsProperties;
import dev.springbase.platform.crypto.MasterKey;

@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

	@Bean
	MasterKey masterKey(FunctionsProperties properties) {
		return MasterKey.load(properties.masterKey(), properties.dataDir(), "springbase.functions");
	}

}
