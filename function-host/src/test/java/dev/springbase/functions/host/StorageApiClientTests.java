package dev.springbase.functions.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.springbase.functions.sdk.storage.ObjectPage;
import dev.springbase.functions.sdk.storage.StorageDownload;
import dev.springbase.functions.sdk.storage.StorageException;
import dev.springbase.functions.sdk.storage.StorageObject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The storage client against a local server that checks what it receives as the storage
 * service's API would: paths, the function's bearer token, bodies that arrive while the
 * function still produces them, and problem answers.
 */
class StorageApiClientTests {

	private static final String TOKEN = "function-token";

	private static final int CHUNK = 64 * 1024;

	private HttpServer server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final Map<String, String> headers = new ConcurrentHashMap<>();

	private StorageApiClient client;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.start();
		this.client = new StorageApiClient(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()),
				() -> TOKEN);
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void uploadsWhileTheContentIsStillBeingProduced() {
		CountDownLatch firstBytesArrived = new CountDownLatch(1);
		AtomicLong received = new AtomicLong();
		handle((exchange) -> {
			InputStream body = exchange.getRequestBody();
			received.addAndGet(body.readNBytes(1024).length);
			firstBytesArrived.countDown();
			received.addAndGet(body.transferTo(OutputStream.nullOutputStream()));
			respond(exchange, 201, objectJson("photos", "thumbnails/a b.png", received.get()));
		});
		AtomicBoolean producedAfterArrival = new AtomicBoolean();
		InputStream content = new InputStream() {

			private long produced;

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				return (read(one, 0, 1) < 0) ? -1 : one[0];
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				if (this.produced == 3L * CHUNK) {
					return -1;
				}
				if (this.produced == CHUNK) {
					producedAfterArrival.set(await(firstBytesArrived));
				}
				int n = (int) Math.min(length, CHUNK - this.produced % CHUNK);
				this.produced += n;
				return n;
			}

		};

		StorageObject stored = this.client.upload("photos", "thumbnails/a b.png", content, "image/png");

		assertThat(producedAfterArrival).as("the first bytes reached the server before the rest was produced").isTrue();
		assertThat(received.get()).isEqualTo(3L * CHUNK);
		assertThat(this.requests).containsExactly("PUT /storage/v1/object/photos/thumbnails/a%20b.png");
		assertThat(this.headers).containsEntry("Authorization", "Bearer " + TOKEN)
			.containsEntry("X-upsert", "true")
			.containsEntry("Content-type", "image/png");
		assertThat(stored.key()).isEqualTo("thumbnails/a b.png");
		assertThat(stored.size()).isEqualTo(3L * CHUNK);
		assertThat(stored.metadata()).containsEntry("album", "holidays");
	}

	@Test
	void downloadsAsTheBytesArrive() throws IOException {
		CountDownLatch firstChunkRead = new CountDownLatch(1);
		AtomicBoolean restSentAfterRead = new AtomicBoolean();
		handle((exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
			exchange.getResponseHeaders().add("ETag", "\"abc\"");
			exchange.sendResponseHeaders(200, 2L * CHUNK);
			OutputStream out = exchange.getResponseBody();
			out.write(new byte[CHUNK]);
			out.flush();
			restSentAfterRead.set(await(firstChunkRead));
			out.write(new byte[CHUNK]);
			out.close();
		});

		try (StorageDownload download = this.client.download("photos", "photos/cat.jpg")) {
			assertThat(download.contentType()).isEqualTo("image/jpeg");
			assertThat(download.size()).isEqualTo(2L * CHUNK);
			assertThat(download.etag()).isEqualTo("\"abc\"");
			assertThat(download.content().readNBytes(CHUNK)).hasSize(CHUNK);
			firstChunkRead.countDown();
			assertThat(download.content().readAllBytes()).hasSize(CHUNK);
		}

		assertThat(restSentAfterRead).as("the function read the first bytes before the rest was sent").isTrue();
		assertThat(this.requests).containsExactly("GET /storage/v1/object/photos/photos/cat.jpg");
		assertThat(this.headers).containsEntry("Authorization", "Bearer " + TOKEN);
	}

	@Test
	void refusalsCarryTheServicesStatusAndCode() {
		handle((exchange) -> respond(exchange, 404, """
				{"type":"about:blank","status":404,"code":"storage.bucket_not_found",
				 "detail":"No bucket other in this project."}"""));

		assertThatThrownBy(() -> this.client.download("other", "secret.txt"))
			.isInstanceOfSatisfying(StorageException.class, (ex) -> {
				assertThat(ex.status()).isEqualTo(404);
				assertThat(ex.code()).isEqualTo("storage.bucket_not_found");
				assertThat(ex.isNotFound()).isTrue();
				assertThat(ex.getMessage()).isEqualTo("404 storage.bucket_not_found: No bucket other in this project.");
			});
		assertThatThrownBy(() -> this.client.delete("other", "secret.txt")).isInstanceOfSatisfying(
				StorageException.class, (ex) -> assertThat(ex.code()).isEqualTo("storage.bucket_not_found"));
	}

	@Test
	void anAnswerThatIsNoProblemStillFailsWithItsStatus() {
		handle((exchange) -> respond(exchange, 502, "<html>bad gateway</html>"));

		assertThatThrownBy(() -> this.client.list("photos", "")).isInstanceOfSatisfying(StorageException.class,
				(ex) -> {
					assertThat(ex.status()).isEqualTo(502);
					assertThat(ex.code()).isEqualTo("storage.request_failed");
				});
	}

	@Test
	void listsEveryPageByItsCursor() {
		handle((exchange) -> {
			String query = exchange.getRequestURI().getRawQuery();
			if (query.contains("cursor=")) {
				respond(exchange, 200, "{\"items\":[" + objectJson("photos", "photos/c.png", 3)
						+ "],\"folders\":[],\"nextCursor\":null}");
			}
			else {
				respond(exchange, 200, "{\"items\":[" + objectJson("photos", "photos/a.png", 1) + ","
						+ objectJson("photos", "photos/b.png", 2) + "],\"folders\":[],\"nextCursor\":\"b+/=\"}");
			}
		});

		List<String> keys = this.client.listAll("photos", "photos/").map(StorageObject::key).toList();
		ObjectPage first = this.client.list("photos", "photos/");

		assertThat(keys).containsExactly("photos/a.png", "photos/b.png", "photos/c.png");
		assertThat(first.items()).hasSize(2);
		assertThat(first.nextCursor()).isEqualTo("b+/=");
		assertThat(this.requests).containsExactly("GET /storage/v1/bucket/photos/objects?limit=100&prefix=photos%2F",
				"GET /storage/v1/bucket/photos/objects?limit=100&prefix=photos%2F&cursor=b%2B%2F%3D",
				"GET /storage/v1/bucket/photos/objects?limit=100&prefix=photos%2F");
	}

	@Test
	void tellsWhetherAnObjectExistsAndDeletesIt() {
		handle((exchange) -> {
			boolean cat = exchange.getRequestURI().getPath().endsWith("/cat.png");
			if (exchange.getRequestMethod().equals("DELETE")) {
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			}
			else {
				exchange.sendResponseHeaders(cat ? 200 : 404, -1);
				exchange.close();
			}
		});

		assertThat(this.client.exists("photos", "photos/cat.png")).isTrue();
		assertThat(this.client.exists("photos", "photos/dog.png")).isFalse();
		this.client.delete("photos", "photos/cat.png");

		assertThat(this.requests).containsExactly("HEAD /storage/v1/object/photos/photos/cat.png",
				"HEAD /storage/v1/object/photos/photos/dog.png", "DELETE /storage/v1/object/photos/photos/cat.png");
	}

	@Test
	void withoutATokenNothingIsSent() {
		handle((exchange) -> respond(exchange, 200, "{}"));
		StorageApiClient tokenless = new StorageApiClient(
				URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()), () -> null);

		assertThatThrownBy(() -> tokenless.list("photos", "")).isInstanceOfSatisfying(StorageException.class, (ex) -> {
			assertThat(ex.status()).isEqualTo(401);
			assertThat(ex.code()).isEqualTo("functions.token_unavailable");
		});
		assertThat(this.requests).isEmpty();
	}

	@Test
	void anUnreachableServiceIsAStorageExceptionToo() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		StorageApiClient unreachable = new StorageApiClient(URI.create("http://127.0.0.1:" + closedPort), () -> TOKEN);

		assertThatThrownBy(() -> unreachable.exists("photos", "cat.png")).isInstanceOfSatisfying(StorageException.class,
				(ex) -> {
					assertThat(ex.status()).isEqualTo(503);
					assertThat(ex.code()).isEqualTo("storage.unreachable");
				});
	}

	@Test
	void encodesWhatIsNoUnreservedCharacter() {
		assertThat(StorageApiClient.encode("photos/ä b+c?.png", true)).isEqualTo("photos/%C3%A4%20b%2Bc%3F.png");
		assertThat(StorageApiClient.encode("a/b", false)).isEqualTo("a%2Fb");
	}

	private void handle(Handler handler) {
		this.server.createContext("/", (exchange) -> {
			this.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
					+ ((exchange.getRequestURI().getRawQuery() != null) ? "?" + exchange.getRequestURI().getRawQuery()
							: ""));
			exchange.getRequestHeaders().forEach((name, values) -> this.headers.put(name, values.getFirst()));
			try {
				handler.handle(exchange);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	private static boolean await(CountDownLatch latch) {
		try {
			return latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static String objectJson(String bucket, String key, long size) {
		return """
				{"bucket":"%s","key":"%s","size":%d,"contentType":"image/png","sha256":"00","etag":"\\"00\\"",
				 "cacheControl":null,"owner":null,"metadata":{"album":"holidays"},
				 "createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:01Z","addedLater":true}"""
			.formatted(bucket, key, size);
	}

	@FunctionalInterface
	private interface Handler {

		void handle(HttpExchange exchange) throws IOException, InterruptedException;

	}

}
