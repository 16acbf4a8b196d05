package dev.springbase.storage.blobs;

import java.io.IOException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.springbase.storage.config.StorageProperties;

@Configuration(proxyBeanMethods = false)
class BlobStoreConfiguration {

	@Bean
	@ConditionalOnProperty(name = "springbase.storage.backend", havingValue = "filesystem", matchIfMissing = true)
	BlobStore fileSystemBlobStore(StorageProperties properties) throws IOException {
		return new FileSystemBlobStore(properties.dataDir());
	}

}
