package dev.springbase.storage.config;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Socket reads of up to 64 KiB instead of Tomcat's 8 KiB: an upload is read, hashed
	 * and written to its blob in 64 KiB pieces with an eighth of the system calls (64 KiB
	 * more heap per open connection).
	 */
	@Bean
	TomcatConnectorCustomizer largeSocketReads() {
		return (connector) -> connector.setProperty("socket.appReadBufSize", String.valueOf(64 * 1024));
	}

}
