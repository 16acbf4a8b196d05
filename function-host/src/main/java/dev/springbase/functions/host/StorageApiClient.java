package dev.springbase.functions.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springbase.functions.sdk.storage.ObjectPage;
import dev.springbase.functions.sdk.storage.StorageClient;
import dev.springbase.functions.sdk.storage.StorageDownload;
import dev.springbase.functions.sdk.storage.StorageException;
import dev.springbase.functions.sdk.storage.StorageObject;

/**
 * The SDK's storage client over the storage service's HTTP API ({@code /storage/v1}, the
 * paths apps use), with the invocation's function token as bearer. Uploads and downloads
 * stream; only JSON answers and error bodies are read whole.
 */
final class StorageApiClient implements StorageClient {

	private static final String API = "/storage/v1";

	/**
	 * Answers without a body: listing, deleting, errors. Bodies have no overall limit.
	 */
	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

	private static final int PAGE_SIZE = 100;

	private static final int MAX_ERROR_BODY = 64 * 1024;

	/** Newer services may add fields; a worker built before them still reads the rest. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final String service;

	private final Supplier<String> token;

	/**
	 * @param service the storage service's base URL
	 * @param token the function's platform token, asked for at each request (it may be
	 * renewed during a long invocation); null when none could be had
	 */
	StorageApiClient(URI service, Supplier<String> token) {
		this.service = service.toString().replaceAll("/+$", "");
		this.token = token;
	}

	@Override
	public StorageObject upload(String bucket, String key, InputStream content, String contentType) {
		return upload(bucket, key, HttpRequest.BodyPublishers.ofInputStream(() -> content), contentType);
	}

	@Override
	public StorageObject upload(String bucket, String key, byte[] content, String contentType) {
		return upload(bucket, key, HttpRequest.BodyPublishers.ofByteArray(content), contentType);
	}

	private StorageObject upload(String bucket, String key, HttpRequest.BodyPublisher body, String contentType) {
		HttpRequest request = request(objectPath(bucket, key)).header("Content-Type", contentType)
			.header("x-upsert", "true")
			.PUT(body)
			.build();
		HttpResponse<InputStream> response = send(request);
		expect(response, 201, 200);
		return readJson(response, StorageObject.class);
	}

	@Override
	public StorageDownload download(String bucket, String key) {
		HttpResponse<InputStream> response = send(request(objectPath(bucket, key)).GET().build());
		expect(response, 200);
		long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
		return new StorageDownload(response.body(),
				response.headers().firstValue("Content-Type").orElse("application/octet-stream"), size,
				response.headers().firstValue("ETag").orElse(null));
	}

	@Override
	public boolean exists(String bucket, String key) {
		HttpRequest request = request(objectPath(bucket, key)).timeout(CALL_TIMEOUT)
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<InputStream> response = send(request);
		discard(response);
		if (response.statusCode() == 404) {
			return false;
		}
		expect(response, 200);
		return true;
	}

	@Override
	public void delete(String bucket, String key) {
		HttpResponse<InputStream> response = send(
				request(objectPath(bucket, key)).timeout(CALL_TIMEOUT).DELETE().build());
		expect(response, 204, 200);
		discard(response);
	}

	@Override
	public ObjectPage list(String bucket, String prefix) {
		return page(bucket, prefix, null);
	}

	@Override
	public ObjectPage list(String bucket, String prefix, String cursor) {
		return page(bucket, prefix, cursor);
	}

	@Override
	public Stream<StorageObject> listAll(String bucket, String prefix) {
		Iterator<StorageObject> objects = new Iterator<>() {

			private ObjectPage page = page(bucket, prefix, null);

			private int next;

			@Override
			public boolean hasNext() {
				while (this.next == this.page.items().size() && this.page.hasNext()) {
					this.page = page(bucket, prefix, this.page.nextCursor());
					this.next = 0;
				}
				return this.next < this.page.items().size();
			}

			@Override
			public StorageObject next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				return this.page.items().get(this.next++);
			}

		};
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(objects,
				Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
	}

	private ObjectPage page(String bucket, String prefix, String cursor) {
		StringBuilder path = new StringBuilder(API).append("/bucket/")
			.append(encode(bucket, false))
			.append("/objects?limit=")
			.append(PAGE_SIZE)
			.append("&prefix=")
			.append(encode((prefix != null) ? prefix : "", false));
		if (cursor != null) {
			path.append("&cursor=").append(encode(cursor, false));
		}
		HttpResponse<InputStream> response = send(request(path.toString()).timeout(CALL_TIMEOUT).GET().build());
		expect(response, 200);
		return readJson(response, ObjectPage.class);
	}

	private static String objectPath(String bucket, String key) {
		return API + "/object/" + encode(bucket, false) + "/" + encode(key, true);
	}

	private HttpRequest.Builder request(String path) {
		String token = this.token.get();
		if (token == null) {
			throw new StorageException(401, "functions.token_unavailable",
					"This invocation got no token for the storage service: the functions service could not get "
							+ "one from the auth service (its log says why). Invoke the function again.");
		}
		return HttpRequest.newBuilder(URI.create(this.service + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json");
	}

	private HttpResponse<InputStream> send(HttpRequest request) {
		try {
			return Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			throw unreachable(ex.toString(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unreachable("interrupted", ex);
		}
	}

	private StorageException unreachable(String reason, Exception cause) {
		return new StorageException(503, "storage.unreachable",
				"The storage service at " + this.service + " cannot be reached: " + reason, cause);
	}

	/** Throws the service's problem as a {@link StorageException} for another status. */
	private void expect(HttpResponse<InputStream> response, int... statuses) {
		for (int status : statuses) {
			if (response.statusCode() == status) {
				return;
			}
		}
		String code = "storage.request_failed";
		String detail = "The storage service answered " + response.statusCode() + ".";
		try (InputStream body = response.body()) {
			byte[] bytes = body.readNBytes(MAX_ERROR_BODY);
			if (bytes.length > 0) {
				JsonNode problem = JSON.readTree(bytes);
				code = problem.path("code").asString(code);
				detail = problem.path("detail").asString(detail);
			}
		}
		catch (IOException | JacksonException ex) {
			// Not a problem document: the status has to do.
		}
		throw new StorageException(response.statusCode(), code, detail);
	}

	private <T> T readJson(HttpResponse<InputStream> response, Class<T> type) {
		try (InputStream body = response.body()) {
			return JSON.readValue(body, type);
		}
		catch (IOException | JacksonException ex) {
			throw new StorageException(502, "storage.invalid_answer",
					"The storage service's answer could not be read: " + ex.getMessage(), ex);
		}
	}

	private static void discard(HttpResponse<InputStream> response) {
		try (InputStream body = response.body()) {
			body.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			// Nothing was expected.
		}
	}

	/**
	 * Percent-encodes a path segment (or, with {@code keepSlashes}, a key of segments) or
	 * a query value: everything but RFC 3986's unreserved characters.
	 */
	static String encode(String value, boolean keepSlashes) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~' || (keepSlashes && c == '/')) {
				encoded.append(c);
			}
			else {
				encoded.append('%')
					.append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return encoded.toString();
	}

	/** One client for the worker's life, made on first use: most functions never call. */
	private static final class Http {

		static final HttpClient CLIENT = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

	}

}
