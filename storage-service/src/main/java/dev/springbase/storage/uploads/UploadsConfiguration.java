package dev.springbase.storage.uploads;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import dev.springbase.storage.config.StorageProperties;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class UploadsConfiguration {

	@Bean
	PartialFiles partialFiles(StorageProperties properties) throws IOException {
		return new PartialFiles(properties.dataDir().resolve("uploads"));
	}

}
