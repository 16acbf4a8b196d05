package dev.springbase.storage.objects;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.springbase.storage.StorageClient.Reply;
import dev.springbase.storage.StorageServiceTests;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectTests extends StorageServiceTests {

	static final byte[] PNG = png(300);

	@Autowired
	JdbcClient jdbc;

	String bucket;

	@BeforeEach
	void bucket() {
		this.bucket = uniqueName("files");
		assertThat(this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", this.bucket)).status())
			.isEqualTo(201);
	}

	@Test
	void storesRawBodyAndServesItBackWithMetadata() throws Exception {
		Reply stored = this.api.put(path("photos/cat.txt"), this.secret, PNG, "Content-Type", "text/plain",
				"x-metadata", "{\"album\":\"pets\"}", "x-cache-control", "public, max-age=60");
		assertThat(stored.status()).isEqualTo(201);
		Map<String, Object> object = stored.json();
		assertThat(object).containsEntry("key", "photos/cat.txt")
			.containsEntry("size", PNG.length)
			.containsEntry("contentType", "image/png")
			.containsEntry("sha256", sha256(PNG))
			.containsEntry("metadata", Map.of("album", "pets"))
			.containsEntry("cacheControl", "public, max-age=60");
		assertThat(stored.header("Location")).isEqualTo(path("photos/cat.txt"));

		Reply fetched = this.api.get(path("photos/cat.txt"), this.secret);
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.body()).isEqualTo(PNG);
		assertThat(fetched.header("Content-Type")).isEqualTo("image/png");
		assertThat(fetched.header("ETag")).isEqualTo("\"" + sha256(PNG) + "\"");
		assertThat(fetched.header("Cache-Control")).isEqualTo("public, max-age=60");
		assertThat(fetched.header("Content-Disposition")).isNull();

		Reply head = this.api.head(path("photos/cat.txt"), this.secret);
		assertThat(head.status()).isEqualTo(200);
		assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(PNG.length));
		assertThat(head.body()).isEmpty();

		Reply attachment = this.api.get(path("photos/cat.txt") + "?download=kitty.png", this.secret);
		assertThat(attachment.header("Content-Disposition")).startsWith("attachment")
			.contains("filename=\"kitty.png\"");
	}

	@Test
	void refusesExistingKeyUnlessUpserting() {
		this.api.put(path("a.txt"), this.secret, "first".getBytes());
		Reply again = this.api.put(path("a.txt"), this.secret, "second".getBytes());
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("storage.object_exists");
		assertThat(this.api.get(path("a.txt"), this.secret).text()).isEqualTo("first");

		Reply upserted = this.api.put(path("a.txt"), this.secret, "second".getBytes(), "x-upsert", "true");
		assertThat(upserted.status()).isEqualTo(201);
		assertThat(this.api.get(path("a.txt"), this.secret).text()).isEqualTo("second");
	}

	@Test
	void streamsJsonFilesPastTheCapOnParsedBodies() {
		byte[] json = ("{\"data\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
		Reply stored = this.api.put(path("export.json"), this.secret, json, "Content-Type", "application/json");
		assertThat(stored.status()).isEqualTo(201);
		assertThat(stored.json()).containsEntry("size", json.length);

		Reply oversizeSettings = this.api.send("POST", "/storage/v1/bucket", this.secret,
				BodyPublishers.ofByteArray(json), "Content-Type", "application/json");
		assertThat(oversizeSettings.status()).isEqualTo(413);
		assertThat(oversizeSettings.code()).isEqualTo("request.body_too_large");
	}

	@Test
	void storesMultipartFormUpload() {
		String boundary = "----springbase-test";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"cacheControl\"\r\n\r\nmax-age=5\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"k\":\"v\"}\r\n"
				+ "--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\n"
				+ "hello multipart\r\n--" + boundary + "--\r\n";
		Reply stored = this.api.send("POST", path("docs/notes.txt"), this.secret,
				BodyPublishers.ofString(body, StandardCharsets.UTF_8), "Content-Type",
				"multipart/form-data; boundary=" + boundary);
		assertThat(stored.status()).isEqualTo(201);
		assertThat(stored.json()).containsEntry("contentType", "text/plain")
			.containsEntry("cacheControl", "max-age=5")
			.containsEntry("metadata", Map.of("k", "v"))
			.containsEntry("size", 15);
		assertThat(this.api.get(path("docs/notes.txt"), this.secret).text()).isEqualTo("hello multipart");

		Reply notMultipart = this.api.send("POST", path("docs/other.txt"), this.secret, BodyPublishers.ofString("raw"),
				"Content-Type", "application/octet-stream");
		assertThat(notMultipart.status()).isEqualTo(400);
		assertThat(notMultipart.code()).isEqualTo("storage.multipart_expected");
	}

	@Test
	void servesSingleRangesAndRefusesUnsatisfiableOnes() {
		byte[] content = "0123456789".getBytes();
		this.api.put(path("digits"), this.secret, content);

		Reply middle = this.api.get(path("digits"), this.secret, "Range", "bytes=2-4");
		assertThat(middle.status()).isEqualTo(206);
		assertThat(middle.text()).isEqualTo("234");
		assertThat(middle.header("Content-Range")).isEqualTo("bytes 2-4/10");

		Reply suffix = this.api.get(path("digits"), this.secret, "Range", "bytes=-3");
		assertThat(suffix.text()).isEqualTo("789");
		Reply open = this.api.get(path("digits"), this.secret, "Range", "bytes=8-");
		assertThat(open.text()).isEqualTo("89");

		Reply beyond = this.api.get(path("digits"), this.secret, "Range", "bytes=10-20");
		assertThat(beyond.status()).isEqualTo(416);
		assertThat(beyond.header("Content-Range")).isEqualTo("bytes */10");
		assertThat(beyond.code()).isEqualTo("storage.range_not_satisfiable");

		Reply openBeyond = this.api.get(path("digits"), this.secret, "Range", "bytes=10-");
		assertThat(openBeyond.status()).isEqualTo(416);

		Reply several = this.api.get(path("digits"), this.secret, "Range", "bytes=0-1,4-5");
		assertThat(several.status()).isEqualTo(200);
		assertThat(several.text()).isEqualTo("0123456789");

		Reply staleIfRange = this.api.get(path("digits"), this.secret, "Range", "bytes=0-1", "If-Range", "\"old\"");
		assertThat(staleIfRange.status()).isEqualTo(200);
	}

	@Test
	void answersConditionalRequestsWithNotModified() {
		this.api.put(path("page.html"), this.secret, "<html><body>hi</body></html>".getBytes());
		Reply first = this.api.get(path("page.html"), this.secret);
		String etag = first.header("ETag");
		String lastModified = first.header("Last-Modified");

		Reply sameTag = this.api.get(path("page.html"), this.secret, "If-None-Match", etag);
		assertThat(sameTag.status()).isEqualTo(304);
		assertThat(sameTag.body()).isEmpty();
		assertThat(sameTag.header("ETag")).isEqualTo(etag);

		Reply sinceLast = this.api.get(path("page.html"), this.secret, "If-Modified-Since", lastModified);
		assertThat(sinceLast.status()).isEqualTo(304);

		Reply otherTag = this.api.get(path("page.html"), this.secret, "If-None-Match", "\"something-else\"");
		assertThat(otherTag.status()).isEqualTo(200);
		assertThat(otherTag.header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void listsByPrefixWithFoldersInCursorPages() {
		for (String key : List.of("a.txt", "b/1.txt", "b/2.txt", "b/c/3.txt", "d/4.txt", "e.txt")) {
			assertThat(this.api.put(path(key), this.secret, key.getBytes()).status()).isEqualTo(201);
		}
		Reply top = this.api.get(listing("?delimiter=/"), this.secret);
		assertThat(keys(top)).containsExactly("a.txt", "e.txt");
		assertThat(top.json().get("folders")).isEqualTo(List.of("b/", "d/"));

		Reply inB = this.api.get(listing("?prefix=b/&delimiter=/"), this.secret);
		assertThat(keys(inB)).containsExactly("b/1.txt", "b/2.txt");
		assertThat(inB.json().get("folders")).isEqualTo(List.of("b/c/"));

		Reply flat = this.api.get(listing("?prefix=b/"), this.secret);
		assertThat(keys(flat)).containsExactly("b/1.txt", "b/2.txt", "b/c/3.txt");

		Reply page1 = this.api.get(listing("?delimiter=/&limit=2"), this.secret);
		assertThat(keys(page1)).containsExactly("a.txt");
		assertThat(page1.json().get("folders")).isEqualTo(List.of("b/"));
		Reply page2 = this.api.get(listing("?delimiter=/&limit=2&cursor=" + page1.json().get("nextCursor")),
				this.secret);
		assertThat(keys(page2)).containsExactly("e.txt");
		assertThat(page2.json().get("folders")).isEqualTo(List.of("d/"));
		assertThat(page2.json().get("nextCursor")).isNull();
	}

	@Test
	void deletesOneAndMany() {
		for (String key : List.of("x/1", "x/2", "x/3")) {
			this.api.put(path(key), this.secret, key.getBytes());
		}
		assertThat(this.api.delete(path("x/1"), this.secret).status()).isEqualTo(204);
		Reply gone = this.api.get(path("x/1"), this.secret);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.code()).isEqualTo("storage.object_not_found");
		assertThat(this.api.delete(path("x/1"), this.secret).status()).isEqualTo(404);

		Reply many = this.api.json("DELETE", "/storage/v1/bucket/" + this.bucket + "/objects", this.secret,
				Map.of("keys", List.of("x/2", "x/3", "x/missing")));
		assertThat(many.status()).isEqualTo(200);
		assertThat(many.json().get("deleted")).isEqualTo(List.of("x/2", "x/3"));
		assertThat(keys(this.api.get(listing(""), this.secret))).isEmpty();
		assertThat(blobFiles()).isEmpty();
	}

	@Test
	void copiesAndMovesObjects() {
		this.api.put(path("orig.txt"), this.secret, "payload".getBytes());
		Reply copied = this.api.json("POST", "/storage/v1/object/copy", this.secret,
				Map.of("bucket", this.bucket, "sourceKey", "orig.txt", "destinationKey", "copy.txt"));
		assertThat(copied.status()).isEqualTo(201);
		assertThat(this.api.get(path("copy.txt"), this.secret).text()).isEqualTo("payload");
		assertThat(this.api.get(path("orig.txt"), this.secret).text()).isEqualTo("payload");

		Reply moved = this.api.json("POST", "/storage/v1/object/move", this.secret,
				Map.of("bucket", this.bucket, "sourceKey", "orig.txt", "destinationKey", "moved/orig.txt"));
		assertThat(moved.status()).isEqualTo(200);
		assertThat(this.api.get(path("orig.txt"), this.secret).status()).isEqualTo(404);
		assertThat(this.api.get(path("moved/orig.txt"), this.secret).text()).isEqualTo("payload");

		Reply overExisting = this.api.json("POST", "/storage/v1/object/copy", this.secret,
				Map.of("bucket", this.bucket, "sourceKey", "copy.txt", "destinationKey", "moved/orig.txt"));
		assertThat(overExisting.status()).isEqualTo(409);

		Reply badKey = this.api.json("POST", "/storage/v1/object/copy", this.secret,
				Map.of("bucket", this.bucket, "sourceKey", "copy.txt", "destinationKey", "a/../b"));
		assertThat(badKey.status()).isEqualTo(400);
		assertThat(badKey.code()).isEqualTo("storage.invalid_key");
	}

	@Test
	void refusesBadKeys() {
		Reply tooLong = this.api.put(path("k".repeat(1025)), this.secret, "x".getBytes());
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.code()).isEqualTo("storage.invalid_key");
		Reply control = this.api.put(path("bad%01key"), this.secret, "x".getBytes());
		assertThat(control.status()).isEqualTo(400);
		Reply trailing = this.api.put(path("folder/"), this.secret, "x".getBytes());
		assertThat(trailing.status()).isEqualTo(400);
		assertThat(trailing.code()).isEqualTo("storage.invalid_key");
	}

	@Test
	void refusesOversizedUploadWhileStreamingAndKeepsNothing() throws Exception {
		String small = uniqueName("small");
		this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", small, "maxObjectSize", 1024));
		byte[] big = new byte[64 * 1024];
		new Random(1).nextBytes(big);
		// Without a declared length the refusal can only come from counting the stream.
		Reply streamed = this.api.send("PUT", "/storage/v1/object/" + small + "/big.bin", this.secret,
				BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
		assertThat(streamed.status()).isEqualTo(413);
		assertThat(streamed.code()).isEqualTo("storage.object_too_large");

		Reply declared = this.api.put("/storage/v1/object/" + small + "/big.bin", this.secret, big);
		assertThat(declared.status()).isEqualTo(413);

		assertThat(this.api.get("/storage/v1/object/" + small + "/big.bin", this.secret).status()).isEqualTo(404);
		assertThat(blobFiles()).isEmpty();
		assertThat(temporaryFiles()).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from objects where project_id = :project")
			.param("project", this.project)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void refusesTypesTheBucketDoesNotTakeBySniffingTheBytes() {
		String images = uniqueName("images");
		this.api.json("POST", "/storage/v1/bucket", this.secret,
				Map.of("name", images, "allowedMimeTypes", List.of("image/*")));
		Reply disguised = this.api.put("/storage/v1/object/" + images + "/fake.png", this.secret,
				"plain text, not an image".getBytes(), "Content-Type", "image/png");
		assertThat(disguised.status()).isEqualTo(415);
		assertThat(disguised.code()).isEqualTo("storage.type_not_allowed");
		assertThat(blobFiles()).isEmpty();

		Reply real = this.api.put("/storage/v1/object/" + images + "/real.bin", this.secret, PNG);
		assertThat(real.status()).isEqualTo(201);
		assertThat(real.json()).containsEntry("contentType", "image/png");
	}

	@Test
	void answersUnknownBucketAndObject() {
		Reply bucket = this.api.put("/storage/v1/object/nope/a.txt", this.secret, "x".getBytes());
		assertThat(bucket.status()).isEqualTo(404);
		assertThat(bucket.code()).isEqualTo("storage.bucket_not_found");
		Reply object = this.api.get(path("nothing-here"), this.secret);
		assertThat(object.status()).isEqualTo(404);
		assertThat(object.code()).isEqualTo("storage.object_not_found");
		assertThat(object.header("Content-Type")).startsWith("application/problem+json");
	}

	private String path(String key) {
		return "/storage/v1/object/" + this.bucket + "/" + key;
	}

	private String listing(String query) {
		return "/storage/v1/bucket/" + this.bucket + "/objects" + query;
	}

	@SuppressWarnings("unchecked")
	private static List<String> keys(Reply listing) {
		return ((List<Map<String, Object>>) listing.json().get("items")).stream()
			.map((item) -> (String) item.get("key"))
			.toList();
	}

	private List<Path> blobFiles() {
		return files(dataDir.resolve("blobs").resolve(this.project.toString()));
	}

	private List<Path> temporaryFiles() {
		return files(dataDir.resolve("tmp"));
	}

	private static List<Path> files(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).toList();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static byte[] png(int size) {
		byte[] bytes = new byte[size];
		new Random(7).nextBytes(bytes);
		byte[] signature = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
		System.arraycopy(signature, 0, bytes, 0, signature.length);
		return bytes;
	}

}
