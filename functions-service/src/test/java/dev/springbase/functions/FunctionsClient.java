package dev.springbase.functions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running functions service over real HTTP, as clients do. */
public final class FunctionsClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String baseUrl;

	public FunctionsClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public Reply get(String path, @Nullable String token, String... headers) {
		return send("GET", path, token, BodyPublishers.noBody(), headers);
	}

	public Reply delete(String path, @Nullable String token) {
		return send("DELETE", path, token, BodyPublishers.noBody());
	}

	public Reply json(String method, String path, @Nullable String token, Object body, String... headers) {
		String[] all = concat(headers, "Content-Type", "application/json");
		return send(method, path, token, BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)), all);
	}

	public Reply post(String path, @Nullable String token, String body, String... headers) {
		return send("POST", path, token, BodyPublishers.ofString(body, StandardCharsets.UTF_8), headers);
	}

	public Reply deploy(String name, @Nullable String token, Path jar, String handler, String... headers) {
		return upload("/functions/v1/functions/" + name + "/versions", token, jar, handler, headers);
	}

	/** Deploys a JAR as the functions API expects it: a multipart form. */
	public Reply upload(String path, @Nullable String token, Path jar, String handler, String... headers) {
		String boundary = "----springbase" + UUID.randomUUID();
		ByteArrayOutputStream form = new ByteArrayOutputStream();
		try {
			form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"handler\"\r\n\r\n" + handler
					+ "\r\n--" + boundary
					+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"function.jar\"\r\n"
					+ "Content-Type: application/java-archive\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			form.writeBytes(Files.readAllBytes(jar));
			form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String[] all = concat(headers, "Content-Type", "multipart/form-data; boundary=" + boundary);
		return send("POST", path, token, BodyPublishers.ofByteArray(form.toByteArray()), all);
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
