package dev.springbase.storage.uploads;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.Map;
import java.util.Random;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.springbase.storage.StorageClient.Reply;
import dev.springbase.storage.StorageServiceTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official tus Java client, unchanged, uploads through the resumable endpoint and
 * resumes an abandoned upload from the offset the server reports.
 */
class StockTusClientTests extends StorageServiceTests {

	@BeforeEach
	void bucket() {
		this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "videos"));
	}

	@Test
	void uploadsWithTheStockClient() throws Exception {
		byte[] data = bytes(1_500_000);
		TusUploader uploader = client().createUpload(upload(data, "stock.bin"));
		uploader.setChunkSize(64 * 1024);
		uploader.setRequestPayloadSize(512 * 1024);
		while (uploader.uploadChunk() > -1) {
			// each call sends one chunk
		}
		uploader.finish();

		Reply object = this.api.get("/storage/v1/object/videos/stock.bin", this.secret);
		assertThat(object.status()).isEqualTo(200);
		assertThat(sha256(object.body())).isEqualTo(sha256(data));
	}

	@Test
	void resumesAnAbandonedUploadFromTheServersOffset() throws Exception {
		byte[] data = bytes(1_000_000);
		TusClient client = client();
		client.enableResuming(new TusURLMemoryStore());
		TusUploader first = client.createUpload(upload(data, "resumed.bin"));
		first.setChunkSize(300_000);
		first.setRequestPayloadSize(300_000);
		first.uploadChunk();
		// The first client gives up after one request, without finishing.

		TusUploader second = client.resumeOrCreateUpload(upload(data, "resumed.bin"));
		assertThat(second.getOffset()).isEqualTo(300_000);
		second.setChunkSize(300_000);
		second.setRequestPayloadSize(300_000);
		while (second.uploadChunk() > -1) {
			// each call sends one chunk
		}
		second.finish();

		Reply object = this.api.get("/storage/v1/object/videos/resumed.bin", this.secret);
		assertThat(sha256(object.body())).isEqualTo(sha256(data));
	}

	private TusClient client() throws Exception {
		TusClient client = new TusClient();
		client
			.setUploadCreationURL(URI.create("http://localhost:" + this.port + "/storage/v1/upload/resumable").toURL());
		client.setHeaders(Map.of("Authorization", "Bearer " + this.secret));
		return client;
	}

	private static TusUpload upload(byte[] data, String key) {
		TusUpload upload = new TusUpload();
		upload.setInputStream(new ByteArrayInputStream(data));
		upload.setSize(data.length);
		upload.setFingerprint("videos/" + key);
		upload.setMetadata(Map.of("bucketName", "videos", "objectName", key));
		return upload;
	}

	private static byte[] bytes(int size) {
		byte[] data = new byte[size];
		new Random(size).nextBytes(data);
		return data;
	}

}
