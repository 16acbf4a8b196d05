package dev.springbase.storage.blobs;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every backend must do, run against each of them: the service relies on exactly
 * this and nothing more.
 */
abstract class BlobStoreContractTests {

	/** Larger than the part size the S3 store is tested with, to take several parts. */
	static final int LARGE = 12 * 1024 * 1024 + 17;

	abstract BlobStore store();

	@Test
	void writesAndReadsBlobs() throws IOException {
		byte[] content = bytes(1000);
		String key = newKey();
		store().write(key, new ByteArrayInputStream(content));
		assertThat(store().exists(key)).isTrue();
		try (InputStream in = store().read(key, 0, -1)) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
	}

	@Test
	void listsBlobsWrittenBeforeAnInstant() throws IOException {
		String key = newKey();
		store().write(key, new ByteArrayInputStream(bytes(10)));

		try (Stream<String> keys = store().keysWrittenBefore(Instant.now().plusSeconds(2))) {
			assertThat(keys).contains(key);
		}
		try (Stream<String> keys = store().keysWrittenBefore(Instant.now().minusSeconds(60))) {
			assertThat(keys).doesNotContain(key);
		}
	}

	@Test
	void writesLargeBlobsInParts() throws IOException {
		byte[] content = bytes(LARGE);
		String key = newKey();
		store().write(key, new ByteArrayInputStream(content));
		try (InputStream in = store().read(key, 0, -1)) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
	}

	@Test
	void readsByteRanges() throws IOException {
		byte[] content = bytes(1000);
		String key = newKey();
		store().write(key, new ByteArrayInputStream(content));
		try (InputStream in = store().read(key, 100, 50)) {
			assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 100, 150));
		}
		try (InputStream in = store().read(key, 990, -1)) {
			assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 990, 1000));
		}
	}

	@Test
	void storesEmptyBlobs() throws IOException {
		String key = newKey();
		store().write(key, InputStream.nullInputStream());
		assertThat(store().exists(key)).isTrue();
		try (InputStream in = store().read(key, 0, -1)) {
			assertThat(in.readAllBytes()).isEmpty();
		}
	}

	@Test
	void leavesNothingWhenTheContentFailsMidway() {
		for (int size : new int[] { 1000, LARGE }) {
			String key = newKey();
			assertThatThrownBy(() -> store().write(key, failingAfter(bytes(size), size - 10)))
				.hasMessageContaining("limit passed");
			assertThat(existsQuietly(key)).isFalse();
		}
	}

	@Test
	void copiesAndDeletesBlobs() throws IOException {
		byte[] content = bytes(2000);
		String source = newKey();
		String target = newKey();
		store().write(source, new ByteArrayInputStream(content));
		store().copy(source, target);
		store().delete(source);
		assertThat(store().exists(source)).isFalse();
		try (InputStream in = store().read(target, 0, -1)) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
		store().delete(source);
	}

	private boolean existsQuietly(String key) {
		try {
			return store().exists(key);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static String newKey() {
		return UUID.randomUUID() + "/" + UUID.randomUUID();
	}

	static byte[] bytes(int size) {
		byte[] data = new byte[size];
		new Random(size).nextBytes(data);
		return data;
	}

	/**
	 * Content that fails as a size limit does: with an unchecked exception mid-stream.
	 */
	static InputStream failingAfter(byte[] content, int limit) {
		return new FilterInputStream(new ByteArrayInputStream(content)) {

			private int read;

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int n = super.read(buffer, offset, length);
				this.read += Math.max(n, 0);
				if (this.read > limit) {
					throw new IllegalStateException("limit passed");
				}
				return n;
			}

		};
	}

}
