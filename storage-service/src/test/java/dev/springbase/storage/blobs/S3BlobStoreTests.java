package dev.springbase.storage.blobs;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 backend against Adobe S3Mock, a real S3 API server, started in this JVM on a
 * random port.
 */
class S3BlobStoreTests extends BlobStoreContractTests {

	static final int PART_SIZE = 5 * 1024 * 1024;

	@TempDir
	static Path s3Root;

	static S3Mock s3Mock;

	static S3BlobStore store;

	@BeforeAll
	static void startS3() {
		s3Mock = S3Mock.start(s3Root);
		S3Client client = S3Client.builder()
			.endpointOverride(URI.create(s3Mock.url()))
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.build();
		store = new S3BlobStore(client, "contract-tests", PART_SIZE);
		store.createBucketIfMissing();
	}

	@AfterAll
	static void stopS3() {
		s3Mock.stop();
	}

	@Override
	BlobStore store() {
		return store;
	}

}
