package dev.springbase.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterAll;
import tools.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies pass through the gateway as streams in both directions. Each test holds back the
 * rest of a body until the other end has seen its first bytes: a gateway that buffered
 * whole bodies would never deliver them, and the test would time out.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StreamingTests {

	static final int CHUNK = 64 * 1024;

	static final long WAIT_SECONDS = 20;

	static final AuthStandIn auth = new AuthStandIn();

	static final ServiceStandIn storage = new ServiceStandIn("storage");

	static final String KEY = auth.newKey(UUID.randomUUID());

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("springbase.gateway.services.auth", auth::uri);
		registry.add("springbase.gateway.services.storage", storage::uri);
	}

	@AfterAll
	static void stopServices() {
		auth.close();
		storage.close();
	}

	@Test
	void streamsUploadToServiceBeforeClientHasSentItAll() throws Exception {
		CountDownLatch firstBytesUpstream = new CountDownLatch(1);
		storage.on("/storage/v1/uploads/streamed", (exchange) -> countUpload(exchange, firstBytesUpstream));

		HttpURLConnection connection = open("/storage/v1/uploads/streamed", "POST");
		connection.setFixedLengthStreamingMode(2L * CHUNK);
		try (OutputStream out = connection.getOutputStream()) {
			out.write(chunk((byte) 'a'));
			out.flush();
			assertThat(firstBytesUpstream.await(WAIT_SECONDS, TimeUnit.SECONDS))
				.as("the service got the first half before the client sent the second")
				.isTrue();
			out.write(chunk((byte) 'b'));
		}

		assertThat(connection.getResponseCode()).isEqualTo(200);
		Map<String, Object> answer = ServiceStandIn.JSON.readValue(connection.getInputStream(), new TypeReference<>() {
		});
		assertThat(answer).containsEntry("bytes", 2 * CHUNK).containsEntry("contentLength", String.valueOf(2 * CHUNK));
	}

	@Test
	void streamsChunkedUploadToService() throws Exception {
		CountDownLatch firstBytesUpstream = new CountDownLatch(1);
		storage.on("/storage/v1/uploads/chunked", (exchange) -> countUpload(exchange, firstBytesUpstream));

		HttpURLConnection connection = open("/storage/v1/uploads/chunked", "PUT");
		connection.setChunkedStreamingMode(8 * 1024);
		try (OutputStream out = connection.getOutputStream()) {
			out.write(chunk((byte) 'a'));
			out.flush();
			assertThat(firstBytesUpstream.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			out.write(chunk((byte) 'b'));
		}

		assertThat(connection.getResponseCode()).isEqualTo(200);
		Map<String, Object> answer = ServiceStandIn.JSON.readValue(connection.getInputStream(), new TypeReference<>() {
		});
		assertThat(answer).containsEntry("bytes", 2 * CHUNK);
	}

	@Test
	void streamsDownloadToClientBeforeServiceHasSentItAll() throws Exception {
		CountDownLatch firstBytesAtClient = new CountDownLatch(1);
		storage.on("/storage/v1/downloads/streamed", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(chunk((byte) 'a'));
				out.flush();
				awaitOrFail(firstBytesAtClient);
				out.write(chunk((byte) 'b'));
			}
		});

		HttpURLConnection connection = open("/storage/v1/downloads/streamed", "GET");
		assertThat(connection.getResponseCode()).isEqualTo(200);
		try (InputStream in = connection.getInputStream()) {
			byte[] first = in.readNBytes(1024);
			assertThat(first).containsOnly((byte) 'a');
			firstBytesAtClient.countDown();
			byte[] rest = in.readAllBytes();
			assertThat(first.length + rest.length).isEqualTo(2 * CHUNK);
			assertThat(rest[rest.length - 1]).isEqualTo((byte) 'b');
		}
	}

	@Test
	void streamsServerSentEventsOneByOne() throws Exception {
		CountDownLatch firstEventAtClient = new CountDownLatch(1);
		storage.on("/storage/v1/events", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write("data: one\n\n".getBytes());
				out.flush();
				awaitOrFail(firstEventAtClient);
				out.write("data: two\n\n".getBytes());
			}
		});

		HttpURLConnection connection = open("/storage/v1/events", "GET");
		try (InputStream in = connection.getInputStream()) {
			assertThat(new String(in.readNBytes("data: one\n\n".length()))).isEqualTo("data: one\n\n");
			firstEventAtClient.countDown();
			assertThat(new String(in.readAllBytes())).isEqualTo("data: two\n\n");
		}
	}

	@Test
	void passesJsonBodiesOfAnySizeToTheService() {
		byte[] json = ("{\"data\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}").getBytes();

		ResponseEntity<Map> response = TestClients.gateway(this.port)
			.post()
			.uri("/storage/v1/large-json")
			.header("apikey", KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(Map.class);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(storage.lastAt("/storage/v1/large-json").body()).isEqualTo(json);
	}

	private static void countUpload(HttpExchange exchange, CountDownLatch firstBytes) throws IOException {
		long total = 0;
		byte[] buffer = new byte[8192];
		try (InputStream in = exchange.getRequestBody()) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				total += read;
				firstBytes.countDown();
			}
		}
		String contentLength = exchange.getRequestHeaders().getFirst("Content-Length");
		ServiceStandIn.respondJson(exchange, 200,
				Map.of("bytes", total, "contentLength", (contentLength != null) ? contentLength : "none"));
	}

	private static void awaitOrFail(CountDownLatch latch) throws IOException {
		try {
			if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
				throw new IOException("the client never got the first part");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private HttpURLConnection open(String path, String method) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) URI.create("http://localhost:" + this.port + path)
			.toURL()
			.openConnection();
		connection.setRequestMethod(method);
		connection.setRequestProperty("apikey", KEY);
		connection.setRequestProperty("Content-Type", "application/octet-stream");
		connection.setDoOutput(!method.equals("GET"));
		connection.setReadTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS * 2));
		return connection;
	}

	private static byte[] chunk(byte value) {
		byte[] chunk = new byte[CHUNK];
		Arrays.fill(chunk, value);
		return chunk;
	}

}
