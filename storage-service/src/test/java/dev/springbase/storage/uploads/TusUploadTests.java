package dev.springbase.storage.uploads;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import dev.springbase.storage.StorageClient.Reply;
import dev.springbase.storage.StorageServiceTests;
import dev.springbase.testsupport.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

@Import(MovableClock.Configuration.class)
class TusUploadTests extends StorageServiceTests {

	static final String ENDPOINT = "/storage/v1/upload/resumable";

	@Autowired
	MovableClock clock;

	@Autowired
	ResumableUploadService uploads;

	@BeforeEach
	void bucket() {
		this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "videos", "maxObjectSize", 10_000_000));
	}

	@Test
	void announcesTheProtocolAndItsExtensions() {
		Reply options = this.api.send("OPTIONS", ENDPOINT, this.secret, BodyPublishers.noBody());
		assertThat(options.status()).isEqualTo(204);
		assertThat(options.header("Tus-Version")).isEqualTo("1.0.0");
		assertThat(options.header("Tus-Extension"))
			.isEqualTo("creation,creation-with-upload,termination,expiration,checksum");
	}

	@Test
	void uploadsInChunksAndStoresTheObject() throws Exception {
		byte[] data = bytes(300_000);
		String location = create("videos", "clip.bin", data.length);
		assertThat(head(location).header("Upload-Offset")).isEqualTo("0");

		Reply first = patch(location, 0, Arrays.copyOfRange(data, 0, 100_000));
		assertThat(first.status()).isEqualTo(204);
		assertThat(first.header("Upload-Offset")).isEqualTo("100000");
		assertThat(first.header("Upload-Expires")).isNotNull();
		Reply last = patch(location, 100_000, Arrays.copyOfRange(data, 100_000, data.length));
		assertThat(last.status()).isEqualTo(204);
		assertThat(last.header("Upload-Offset")).isEqualTo(String.valueOf(data.length));

		Reply object = this.api.get("/storage/v1/object/videos/clip.bin", this.secret);
		assertThat(object.body()).isEqualTo(data);
		assertThat(head(location).status()).isEqualTo(404);
	}

	@Test
	void interruptedUploadResumesFromTheServersOffsetAndCompletesIntact() throws Exception {
		byte[] data = bytes(2_000_000);
		String location = create("videos", "interrupted.bin", data.length);

		int sent = 700_000;
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("PATCH " + location + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + this.secret
					+ "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
					+ "Content-Type: application/offset+octet-stream\r\nContent-Length: " + data.length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(data, 0, sent);
			out.flush();
			awaitOffset(location, sent);
		}
		long offset = awaitUnlocked(location);
		assertThat(offset).isEqualTo(sent);

		Reply resumed = patch(location, offset, Arrays.copyOfRange(data, (int) offset, data.length));
		assertThat(resumed.status()).isEqualTo(204);
		Reply object = this.api.get("/storage/v1/object/videos/interrupted.bin", this.secret);
		assertThat(object.status()).isEqualTo(200);
		assertThat(sha256Base64(object.body())).isEqualTo(sha256Base64(data));
	}

	@Test
	void createsWithTheFirstChunkInTheSameRequest() throws Exception {
		byte[] data = "all in one request".getBytes();
		Reply created = this.api.send("POST", ENDPOINT, this.secret, BodyPublishers.ofByteArray(data), "Tus-Resumable",
				"1.0.0", "Upload-Length", String.valueOf(data.length), "Upload-Metadata",
				metadata("videos", "one-shot.txt"), "Content-Type", "application/offset+octet-stream");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Upload-Offset")).isEqualTo(String.valueOf(data.length));
		assertThat(this.api.get("/storage/v1/object/videos/one-shot.txt", this.secret).body()).isEqualTo(data);
	}

	@Test
	void terminatesAnUpload() {
		String location = create("videos", "cancelled.bin", 1000);
		Reply deleted = this.api.send("DELETE", location, this.secret, BodyPublishers.noBody(), "Tus-Resumable",
				"1.0.0");
		assertThat(deleted.status()).isEqualTo(204);
		assertThat(head(location).status()).isEqualTo(404);
	}

	@Test
	void terminatesAnUploadByMethodOverride() {
		String location = create("videos", "cancelled-by-post.bin", 1000);
		Reply deleted = this.api.send("POST", location, this.secret, BodyPublishers.noBody(), "Tus-Resumable", "1.0.0",
				"X-HTTP-Method-Override", "DELETE");
		assertThat(deleted.status()).isEqualTo(204);
		assertThat(head(location).status()).isEqualTo(404);
	}

	@Test
	void discardsChunksWhoseChecksumDoesNotMatch() throws Exception {
		byte[] data = bytes(1000);
		String location = create("videos", "checked.bin", data.length);
		String wrong = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(new byte[1]));
		Reply mismatch = this.api.send("PATCH", location, this.secret, BodyPublishers.ofByteArray(data),
				"Tus-Resumable", "1.0.0", "Upload-Offset", "0", "Content-Type", "application/offset+octet-stream",
				"Upload-Checksum", "sha1 " + wrong);
		assertThat(mismatch.status()).isEqualTo(460);
		assertThat(head(location).header("Upload-Offset")).isEqualTo("0");

		String right = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(data));
		Reply matched = this.api.send("PATCH", location, this.secret, BodyPublishers.ofByteArray(data), "Tus-Resumable",
				"1.0.0", "Upload-Offset", "0", "Content-Type", "application/offset+octet-stream", "Upload-Checksum",
				"sha1 " + right);
		assertThat(matched.status()).isEqualTo(204);
	}

	@Test
	void refusesWrongOffsetsTypesVersionsAndSizes() {
		String location = create("videos", "strict.bin", 100);
		Reply wrongOffset = patch(location, 50, new byte[10]);
		assertThat(wrongOffset.status()).isEqualTo(409);
		assertThat(wrongOffset.code()).isEqualTo("storage.upload_offset_mismatch");

		Reply wrongType = this.api.send("PATCH", location, this.secret, BodyPublishers.ofByteArray(new byte[10]),
				"Tus-Resumable", "1.0.0", "Upload-Offset", "0", "Content-Type", "application/octet-stream");
		assertThat(wrongType.status()).isEqualTo(415);

		Reply noVersion = this.api.send("PATCH", location, this.secret, BodyPublishers.ofByteArray(new byte[10]),
				"Upload-Offset", "0", "Content-Type", "application/offset+octet-stream");
		assertThat(noVersion.status()).isEqualTo(412);

		Reply pastLength = patch(location, 0, new byte[101]);
		assertThat(pastLength.status()).isEqualTo(413);
		assertThat(head(location).header("Upload-Offset")).isEqualTo("0");

		Reply tooLarge = this.api.send("POST", ENDPOINT, this.secret, BodyPublishers.noBody(), "Tus-Resumable", "1.0.0",
				"Upload-Length", "20000000", "Upload-Metadata", metadata("videos", "huge.bin"));
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.code()).isEqualTo("storage.object_too_large");

		Reply noObject = this.api.send("POST", ENDPOINT, this.secret, BodyPublishers.noBody(), "Tus-Resumable", "1.0.0",
				"Upload-Length", "10");
		assertThat(noObject.status()).isEqualTo(400);
	}

	@Test
	void expiredUploadsAreGoneAndRemoved() {
		String location = create("videos", "stale.bin", 100);
		this.clock.advance(Duration.ofHours(25));
		Reply expired = head(location);
		assertThat(expired.status()).isEqualTo(410);
		this.uploads.removeExpired();
		assertThat(head(location).status()).isEqualTo(404);
	}

	@Test
	void uploadsBelongToWhoStartedThem() {
		String alice = UUID.randomUUID().toString();
		String aliceToken = auth.userToken(this.project, alice);
		Reply created = this.api.send("POST", ENDPOINT, aliceToken, BodyPublishers.noBody(), "Tus-Resumable", "1.0.0",
				"Upload-Length", "10", "Upload-Metadata", metadata("videos", alice + "/mine.bin"));
		assertThat(created.status()).isEqualTo(201);
		String location = created.header("Location");

		String bobToken = auth.userToken(this.project, UUID.randomUUID().toString());
		assertThat(
				this.api.send("HEAD", location, bobToken, BodyPublishers.noBody(), "Tus-Resumable", "1.0.0").status())
			.isEqualTo(404);
		assertThat(this.api
			.send("HEAD", location, auth.secretKeyToken(UUID.randomUUID()), BodyPublishers.noBody(), "Tus-Resumable",
					"1.0.0")
			.status()).isEqualTo(404);

		Reply notOwnKey = this.api.send("POST", ENDPOINT, aliceToken, BodyPublishers.noBody(), "Tus-Resumable", "1.0.0",
				"Upload-Length", "10", "Upload-Metadata", metadata("videos", "someone/else.bin"));
		assertThat(notOwnKey.status()).isEqualTo(403);
	}

	private String create(String bucket, String key, long length) {
		Reply created = this.api.send("POST", ENDPOINT, this.secret, BodyPublishers.noBody(), "Tus-Resumable", "1.0.0",
				"Upload-Length", String.valueOf(length), "Upload-Metadata", metadata(bucket, key));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Tus-Resumable")).isEqualTo("1.0.0");
		return created.header("Location");
	}

	private Reply head(String location) {
		return this.api.send("HEAD", location, this.secret, BodyPublishers.noBody(), "Tus-Resumable", "1.0.0");
	}

	private Reply patch(String location, long offset, byte[] chunk) {
		return this.api.send("PATCH", location, this.secret, BodyPublishers.ofByteArray(chunk), "Tus-Resumable",
				"1.0.0", "Upload-Offset", String.valueOf(offset), "Content-Type", "application/offset+octet-stream");
	}

	private void awaitOffset(String location, long offset) throws InterruptedException {
		for (int i = 0; i < 600 && Long.parseLong(head(location).header("Upload-Offset")) < offset; i++) {
			Thread.sleep(50);
		}
	}

	/**
	 * Waits until the broken request has let go of the upload, and returns its offset.
	 */
	private long awaitUnlocked(String location) throws InterruptedException {
		for (int i = 0; i < 600; i++) {
			Reply probe = patch(location, Long.parseLong(head(location).header("Upload-Offset")), new byte[0]);
			if (probe.status() == 204) {
				return Long.parseLong(probe.header("Upload-Offset"));
			}
			Thread.sleep(50);
		}
		throw new AssertionError("The interrupted request never released the upload");
	}

	private static String metadata(String bucket, String key) {
		Base64.Encoder base64 = Base64.getEncoder();
		return "bucketName " + base64.encodeToString(bucket.getBytes()) + ",objectName "
				+ base64.encodeToString(key.getBytes());
	}

	private static byte[] bytes(int size) {
		byte[] data = new byte[size];
		new Random(size).nextBytes(data);
		return data;
	}

	private static String sha256Base64(byte[] data) throws Exception {
		return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
	}

}
