package dev.springbase.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running storage service over real HTTP, as clients do. */
public final class StorageClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String baseUrl;

	public StorageClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public Reply get(String path, @Nullable String token, String... headers) {
		return send("GET", path, token, BodyPublishers.noBody(), headers);
	}

	public Reply head(String path, @Nullable String token, String... headers) {
		return send("HEAD", path, token, BodyPublishers.noBody(), headers);
	}

	public Reply delete(String path, @Nullable String token) {
		return send("DELETE", path, token, BodyPublishers.noBody());
	}

	public Reply json(String method, String path, @Nullable String token, Object body, String... headers) {
		String[] all = concat(headers, "Content-Type", "application/json");
		return send(method, path, token, BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)), all);
	}

	public Reply put(String path, @Nullable String token, byte[] body, String... headers) {
		return send("PUT", path, token, BodyPublishers.ofByteArray(body), headers);
	}

	public Reply send(String method, String path, @Nullable String token, BodyPublisher body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).method(method, body);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			HttpResponse<byte[]> response = this.http.send(request.build(), BodyHandlers.ofByteArray());
			return new Reply(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public HttpResponse<InputStream> stream(String path, @Nullable String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return this.http.send(request.build(), BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String[] concat(String[] headers, String... more) {
		String[] all = new String[headers.length + more.length];
		System.arraycopy(headers, 0, all, 0, headers.length);
		System.arraycopy(more, 0, all, headers.length, more.length);
		return all;
	}

	public record Reply(int status, Map<String, List<String>> headers, byte[] body) {

		public @Nullable String header(String name) {
			Optional<Map.Entry<String, List<String>>> entry = this.headers.entrySet()
				.stream()
				.filter((candidate) -> candidate.getKey().equalsIgnoreCase(name))
				.findFirst();
			return entry.map((found) -> found.getValue().getFirst()).orElse(null);
		}

		public Map<String, Object> json() {
			if (this.body.length == 0) {
				return new LinkedHashMap<>();
			}
			return JSON.readValue(this.body, new TypeReference<Map<String, Object>>() {
			});
		}

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		public @Nullable Object code() {
			return json().get("code");
		}

	}

}
