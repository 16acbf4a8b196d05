package dev.springbase.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buckets, objects, access rules, signed URLs and resumable uploads through the gateway,
 * as apps and servers use them with their API keys, and as the console does with an
 * account token.
 */
class StorageSystemTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
			'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0 };

	private final Api api = Api.gateway();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private String admin;

	private String project;

	private String secretKey;

	private String publishableKey;

	@BeforeEach
	void projectWithKeys() {
		this.admin = this.api.adminToken();
		this.project = this.api.createProject(this.admin, "Storage " + System.nanoTime(), List.of());
		this.secretKey = this.api.createKey(this.admin, this.project, "secret").string("key");
		this.publishableKey = this.api.createKey(this.admin, this.project, "publishable").string("key");
	}

	@Test
	void storesAndServesObjectsWithRangesAndValidators() {
		createBucket(this.secretKey, Map.of("name", "docs"));
		byte[] content = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
		Reply stored = send("PUT", "/storage/v1/object/docs/notes/fox.txt", this.secretKey,
				BodyPublishers.ofByteArray(content), "x-cache-control", "max-age=60");
		assertThat(stored.status()).isEqualTo(201);
		assertThat(stored.json()).containsEntry("contentType", "text/plain").containsEntry("size", content.length);

		Reply fetched = send("GET", "/storage/v1/object/docs/notes/fox.txt", this.secretKey, BodyPublishers.noBody());
		assertThat(fetched.body()).isEqualTo(content);
		assertThat(fetched.header("Cache-Control")).isEqualTo("max-age=60");

		Reply range = send("GET", "/storage/v1/object/docs/notes/fox.txt", this.secretKey, BodyPublishers.noBody(),
				"Range", "bytes=4-8");
		assertThat(range.status()).isEqualTo(206);
		assertThat(new String(range.body(), StandardCharsets.UTF_8)).isEqualTo("quick");
		Reply unsatisfiable = send("GET", "/storage/v1/object/docs/notes/fox.txt", this.secretKey,
				BodyPublishers.noBody(), "Range", "bytes=1000-");
		assertThat(unsatisfiable.status()).isEqualTo(416);
		assertThat(unsatisfiable.code()).isEqualTo("storage.range_not_satisfiable");

		Reply notModified = send("GET", "/storage/v1/object/docs/notes/fox.txt", this.secretKey,
				BodyPublishers.noBody(), "If-None-Match", fetched.header("ETag"));
		assertThat(notModified.status()).isEqualTo(304);

		Reply listing = send("GET", "/storage/v1/bucket/docs/objects?delimiter=/", this.secretKey,
				BodyPublishers.noBody());
		assertThat(listing.json().get("folders")).isEqualTo(List.of("notes/"));

		assertThat(send("DELETE", "/storage/v1/object/docs/notes/fox.txt", this.secretKey, BodyPublishers.noBody())
			.status()).isEqualTo(204);
		Reply gone = send("GET", "/storage/v1/object/docs/notes/fox.txt", this.secretKey, BodyPublishers.noBody());
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.code()).isEqualTo("storage.object_not_found");
	}

	@Test
	void refusesOversizedDisallowedAndBadlyNamedUploads() {
		createBucket(this.secretKey,
				Map.of("name", "avatars", "maxObjectSize", 1024, "allowedMimeTypes", List.of("image/*")));
		Reply tooLarge = send("PUT", "/storage/v1/object/avatars/big.png", this.secretKey,
				BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(pngOf(64 * 1024))));
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.code()).isEqualTo("storage.object_too_large");
		assertThat(send("GET", "/storage/v1/object/avatars/big.png", this.secretKey, BodyPublishers.noBody()).status())
			.isEqualTo(404);

		Reply disguised = send("PUT", "/storage/v1/object/avatars/fake.png", this.secretKey,
				BodyPublishers.ofString("not an image"), "Content-Type", "image/png");
		assertThat(disguised.status()).isEqualTo(415);
		assertThat(disguised.code()).isEqualTo("storage.type_not_allowed");

		Reply badKey = send("PUT", "/storage/v1/object/avatars/" + "k".repeat(1100), this.secretKey,
				BodyPublishers.ofByteArray(PNG));
		assertThat(badKey.status()).isEqualTo(400);
		assertThat(badKey.code()).isEqualTo("storage.invalid_key");

		Reply unknownBucket = send("PUT", "/storage/v1/object/nowhere/a.png", this.secretKey,
				BodyPublishers.ofByteArray(PNG));
		assertThat(unknownBucket.status()).isEqualTo(404);
		assertThat(unknownBucket.code()).isEqualTo("storage.bucket_not_found");

		assertThat(send("PUT", "/storage/v1/object/avatars/ok.png", this.secretKey, BodyPublishers.ofByteArray(PNG))
			.status()).isEqualTo(201);
	}

	@Test
	void publishableKeyReadsPublicBucketsOnlyAndOtherProjectsSeeNothing() {
		createBucket(this.secretKey, Map.of("name", "public-site", "public", true));
		createBucket(this.secretKey, Map.of("name", "internal"));
		send("PUT", "/storage/v1/object/public-site/index.html", this.secretKey,
				BodyPublishers.ofString("<html>hello</html>"));
		send("PUT", "/storage/v1/object/internal/salaries.csv", this.secretKey, BodyPublishers.ofString("a,b\n1,2"));

		assertThat(
				send("GET", "/storage/v1/object/public-site/index.html", this.publishableKey, BodyPublishers.noBody())
					.status())
			.isEqualTo(200);
		Reply privateRead = send("GET", "/storage/v1/object/internal/salaries.csv", this.publishableKey,
				BodyPublishers.noBody());
		assertThat(privateRead.status()).isEqualTo(403);
		assertThat(privateRead.code()).isEqualTo("storage.access_denied");
		assertThat(send("PUT", "/storage/v1/object/public-site/defaced.html", this.publishableKey,
				BodyPublishers.ofString("x"))
			.status()).isEqualTo(403);

		String otherProject = this.api.createProject(this.admin, "Other " + System.nanoTime(), List.of());
		String otherSecret = this.api.createKey(this.admin, otherProject, "secret").string("key");
		Reply crossProject = send("GET", "/storage/v1/object/internal/salaries.csv", otherSecret,
				BodyPublishers.noBody());
		assertThat(crossProject.status()).isEqualTo(404);
		assertThat(new String(crossProject.body(), StandardCharsets.UTF_8)).doesNotContain("1,2");
		assertThat(send("GET", "/storage/v1/bucket", otherSecret, BodyPublishers.noBody()).json().get("items"))
			.isEqualTo(List.of());
	}

	@Test
	void consoleAccountsManageBucketsOfTheirProject() {
		Reply created = call("POST", "/storage/v1/bucket", BodyPublishers.ofString("{\"name\":\"console-made\"}"),
				"Authorization", "Bearer " + this.admin, "X-Project-Id", this.project, "Content-Type",
				"application/json");
		assertThat(created.status()).isEqualTo(201);
		assertThat(send("GET", "/storage/v1/bucket/console-made", this.secretKey, BodyPublishers.noBody()).status())
			.isEqualTo(200);

		Reply withoutProject = call("GET", "/storage/v1/bucket", BodyPublishers.noBody(), "Authorization",
				"Bearer " + this.admin);
		assertThat(withoutProject.status()).isEqualTo(400);
		assertThat(withoutProject.code()).isEqualTo("storage.project_required");
	}

	@Test
	void signedUrlsWorkUntilTheyExpireAndNotWhenAltered() {
		createBucket(this.secretKey, Map.of("name", "reports"));
		send("PUT", "/storage/v1/object/reports/q3.txt", this.secretKey, BodyPublishers.ofString("numbers"));
		Reply signed = send("POST", "/storage/v1/object/sign/reports/q3.txt", this.secretKey,
				BodyPublishers.ofString("{\"expiresIn\":2}"), "Content-Type", "application/json");
		String url = (String) signed.json().get("signedUrl");

		// The signature is the credential: a link works without an API key, e.g. in <img
		// src>.
		Reply download = call("GET", url, BodyPublishers.noBody());
		assertThat(download.status()).isEqualTo(200);
		assertThat(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo("numbers");
		assertThat(send("GET", url, this.publishableKey, BodyPublishers.noBody()).status()).isEqualTo(200);

		Reply altered = call("GET", url.replace("q3.txt", "q4.txt"), BodyPublishers.noBody());
		assertThat(altered.status()).isEqualTo(403);
		assertThat(altered.code()).isEqualTo("storage.signed_url_invalid");

		SpringbaseStack.sleep(Duration.ofSeconds(3));
		Reply expired = call("GET", url, BodyPublishers.noBody());
		assertThat(expired.status()).isEqualTo(403);
		assertThat(expired.code()).isEqualTo("storage.signed_url_expired");

		Reply uploadUrl = send("POST", "/storage/v1/object/upload/sign/reports/incoming.txt", this.secretKey,
				BodyPublishers.ofString("{\"expiresIn\":60}"), "Content-Type", "application/json");
		Reply uploaded = call("PUT", (String) uploadUrl.json().get("signedUrl"),
				BodyPublishers.ofString("via signed upload"));
		assertThat(uploaded.status()).isEqualTo(201);

		Reply unsigned = call("GET", "/storage/v1/object/reports/q3.txt", BodyPublishers.noBody());
		assertThat(unsigned.status()).isEqualTo(401);
	}

	@Test
	void resumableUploadThroughTheGateway() {
		createBucket(this.secretKey, Map.of("name", "videos"));
		byte[] data = new byte[300_000];
		new java.util.Random(3).nextBytes(data);
		Reply created = send("POST", "/storage/v1/upload/resumable", this.secretKey, BodyPublishers.noBody(),
				"Tus-Resumable", "1.0.0", "Upload-Length", String.valueOf(data.length), "Upload-Metadata",
				"bucketName " + base64("videos") + ",objectName " + base64("clip.bin"));
		assertThat(created.status()).isEqualTo(201);
		String location = created.header("Location");
		Reply first = send("PATCH", location, this.secretKey,
				BodyPublishers.ofByteArray(java.util.Arrays.copyOfRange(data, 0, 100_000)), "Tus-Resumable", "1.0.0",
				"Upload-Offset", "0", "Content-Type", "application/offset+octet-stream");
		assertThat(first.status()).isEqualTo(204);
		Reply head = send("HEAD", location, this.secretKey, BodyPublishers.noBody(), "Tus-Resumable", "1.0.0");
		assertThat(head.header("Upload-Offset")).isEqualTo("100000");
		Reply rest = send("PATCH", location, this.secretKey,
				BodyPublishers.ofByteArray(java.util.Arrays.copyOfRange(data, 100_000, data.length)), "Tus-Resumable",
				"1.0.0", "Upload-Offset", "100000", "Content-Type", "application/offset+octet-stream");
		assertThat(rest.status()).isEqualTo(204);
		assertThat(send("GET", "/storage/v1/object/videos/clip.bin", this.secretKey, BodyPublishers.noBody()).body())
			.isEqualTo(data);
	}

	private void createBucket(String key, Map<String, Object> body) {
		Reply created = send("POST", "/storage/v1/bucket", key, BodyPublishers.ofString(JSON.writeValueAsString(body)),
				"Content-Type", "application/json");
		assertThat(created.status()).as(created.text()).isEqualTo(201);
	}

	private Reply send(String method, String path, String apikey, BodyPublisher body, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "apikey";
		all[1] = apikey;
		System.arraycopy(headers, 0, all, 2, headers.length);
		return call(method, path, body, all);
	}

	private Reply call(String method, String path, BodyPublisher body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SpringbaseStack.get().gatewayUrl() + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, body);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Reply(response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] pngOf(int size) {
		byte[] bytes = new byte[size];
		System.arraycopy(PNG, 0, bytes, 0, PNG.length);
		return bytes;
	}

	private static String base64(String value) {
		return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	record Reply(HttpResponse<byte[]> raw) {

		int status() {
			return this.raw.statusCode();
		}

		byte[] body() {
			return this.raw.body();
		}

		String text() {
			return new String(this.raw.body(), StandardCharsets.UTF_8);
		}

		String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> json() {
			return (this.raw.body().length == 0) ? Map.of() : JSON.readValue(this.raw.body(), Map.class);
		}

		Object code() {
			return json().get("code");
		}

	}

}
