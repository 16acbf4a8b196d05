package dev.springbase.storage.blobs;

import java.io.IOException;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

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

	@Bean
	@ConditionalOnProperty(name = "springbase.storage.backend", havingValue = "s3")
	BlobStore s3BlobStore(StorageProperties properties) {
		StorageProperties.S3 settings = properties.s3();
		S3ClientBuilder builder = S3Client.builder()
			.region(Region.of(settings.region()))
			.forcePathStyle(settings.pathStyle())
			.httpClientBuilder(ApacheHttpClient.builder().maxConnections(64));
		if (settings.endpoint() != null) {
			builder.endpointOverride(settings.endpoint());
		}
		if (!settings.accessKey().isEmpty()) {
			builder.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
		}
		S3BlobStore store = new S3BlobStore(builder.build(), settings.bucket(),
				Math.toIntExact(settings.partSize().toBytes()));
		store.createBucketIfMissing();
		return store;
	}

}
