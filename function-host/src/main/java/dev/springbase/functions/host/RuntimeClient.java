package dev.springbase.functions.host;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import dev.springbase.functions.host.RuntimeMessages.Init;
import dev.springbase.functions.host.RuntimeMessages.Next;
import dev.springbase.functions.host.RuntimeMessages.Result;

/**
 * Talks to the functions service's runtime API for this worker, in the style of AWS
 * Lambda's: the worker asks for work with a long poll, so it needs no listening port and
 * could run on another machine.
 */
final class RuntimeClient {

	/** Longer than the service holds a poll open, so an idle poll ends with 204. */
	private static final Duration POLL_TIMEOUT = Duration.ofSeconds(90);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final URI api;

	private final String token;

	RuntimeClient(URI api, String token) {
		this.api = api;
		this.token = token;
	}

	JsonMapper json() {
		return this.json;
	}

	Init init() throws IOException, InterruptedException {
		HttpResponse<byte[]> response = send(request("/init").GET().timeout(Duration.ofSeconds(30)).build());
		expect(response, 200);
		return this.json.readValue(response.body(), Init.class);
	}

	/** The next invocation, or null when none came within the service's poll window. */
	Next next() throws IOException, InterruptedException, Stop {
		HttpResponse<byte[]> response = send(request("/next").GET().timeout(POLL_TIMEOUT).build());
		if (response.statusCode() == 204) {
			return null;
		}
		if (response.statusCode() == 410) {
			throw new Stop();
		}
		expect(response, 200);
		return this.json.readValue(response.body(), Next.class);
	}

	void finish(UUID invocationId, Result result) throws IOException, InterruptedException {
		HttpRequest request = request("/invocations/" + invocationId)
			.POST(HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(result)))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.build();
		send(request);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.api + path)).header(WorkerMain.TOKEN_HEADER, this.token);
	}

	private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	private static void expect(HttpResponse<byte[]> response, int status) throws IOException {
		if (response.statusCode() != status) {
			throw new IOException(response.request().uri() + " answered " + response.statusCode());
		}
	}

	/** The service retired this worker: it exits quietly. */
	static final class Stop extends Exception {

		Stop() {
			super(null, null, false, false);
		}

	}

}
