package dev.springbase.storage.objects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.springbase.storage.blobs.BlobStore;
import dev.springbase.storage.blobs.S3BlobStore;
import dev.springbase.storage.blobs.S3Mock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object test again, with the S3 backend against S3Mock in place of the local file
 * system.
 */
class S3ObjectTests extends ObjectTests {

	static S3Mock s3;

	@Autowired
	BlobStore blobs;

	@DynamicPropertySource
	static void s3Backend(DynamicPropertyRegistry registry) {
		registry.add("springbase.storage.backend", () -> "s3");
		registry.add("springbase.storage.s3.endpoint", () -> s3().url());
		registry.add("springbase.storage.s3.bucket", () -> "object-tests");
		registry.add("springbase.storage.s3.access-key", () -> "test");
		registry.add("springbase.storage.s3.secret-key", () -> "test");
		registry.add("springbase.storage.s3.part-size", () -> "5MB");
	}

	static synchronized S3Mock s3() {
		if (s3 == null) {
			try {
				s3 = S3Mock.start(Files.createTempDirectory("s3mock"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return s3;
	}

	@Test
	void storesTheBytesInS3() {
		assertThat(this.blobs).isInstanceOf(S3BlobStore.class);
	}

	@AfterAll
	static void stopS3() {
		if (s3 != null) {
			s3.stop();
			s3 = null;
		}
	}

}
