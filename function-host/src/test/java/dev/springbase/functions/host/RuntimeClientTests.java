package dev.springbase.functions.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The worker's HTTP/1.1 client against a server that answers as Tomcat may: chunked
 * bodies, 204 without a length, {@code Connection: close}, and a kept-alive connection it
 * closes without answering.
 */
class RuntimeClientTests {

	private ServerSocket server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	/** One entry per connection: the raw responses to write, one per request. */
	private final List<List<String>> script = new ArrayList<>();

	@BeforeEach
	void start() throws IOException {
		this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
	}

	@AfterEach
	void stop() throws IOException {
		this.server.close();
	}

	@Test
	void readsChunkedAndEmptyAnswersAndReconnectsWhenTheServerClosed() throws Exception {
		String init = "{\"projectId\":\"00000000-0000-0000-0000-000000000001\",\"functionName\":\"greet\","
				+ "\"jar\":\"/x.jar\",\"handler\":\"demo.Greet\",\"env\":{},\"secrets\":{},\"maxLogBytes\":10}";
		this.script.add(List.of("HTTP/1.1 200 \r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
				+ "Connection: close\r\n\r\n" + Integer.toHexString(10) + "\r\n" + init.substring(0, 10) + "\r\n"
				+ Integer.toHexString(init.length() - 10) + "\r\n" + init.substring(10) + "\r\n0\r\n\r\n"));
		this.script.add(List.of("HTTP/1.1 204 \r\nDate: now\r\n\r\n"));
		this.script.add(List.of("HTTP/1.1 410 \r\nContent-Length: 0\r\n\r\n"));
		Thread.ofPlatform().daemon().start(this::serve);
		RuntimeClient client = new RuntimeClient(
				URI.create("http://127.0.0.1:" + this.server.getLocalPort() + "/internal/workers/w1"), "secret-token");

		RuntimeMessages.Init answer = client.init();
		RuntimeMessages.Next none = client.next();

		assertThat(answer.functionName()).isEqualTo("greet");
		assertThat(answer.handler()).isEqualTo("demo.Greet");
		assertThat(none).isNull();
		assertThatExceptionOfType(RuntimeClient.Stop.class).isThrownBy(client::next);
		assertThat(this.requests).containsExactly("GET /internal/workers/w1/init HTTP/1.1",
				"GET /internal/workers/w1/next HTTP/1.1", "GET /internal/workers/w1/next HTTP/1.1",
				"GET /internal/workers/w1/next HTTP/1.1");
	}

	@Test
	void reportsAResultAndTakesTheNextInvocationInOneExchange() throws Exception {
		String next = "{\"invocationId\":\"00000000-0000-0000-0000-000000000002\",\"body\":\"aGk=\"}";
		this.script.add(List.of("HTTP/1.1 200 \r\nContent-Type: application/json\r\nContent-Length: " + next.length()
				+ "\r\n\r\n" + next, "HTTP/1.1 204 \r\n\r\n", "HTTP/1.1 409 \r\nContent-Length: 0\r\n\r\n"));
		Thread.ofPlatform().daemon().start(this::serve);
		RuntimeClient client = new RuntimeClient(
				URI.create("http://127.0.0.1:" + this.server.getLocalPort() + "/internal/workers/w1"), "secret-token");
		RuntimeMessages.Result ok = new RuntimeMessages.Result(true, new byte[] { 1 }, "text/plain", null, null,
				List.of(), false);

		RuntimeMessages.Next following = client.finish(new UUID(0, 1), ok, true);
		RuntimeMessages.Next last = client.finish(new UUID(0, 2), ok, false);
		RuntimeMessages.Next refused = client.finish(new UUID(0, 3), ok, true);

		assertThat(following.invocationId()).isEqualTo(new UUID(0, 2));
		assertThat(following.body()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
		assertThat(last).isNull();
		assertThat(refused).isNull();
		assertThat(this.requests).containsExactly(
				"POST /internal/workers/w1/invocations/00000000-0000-0000-0000-000000000001 HTTP/1.1",
				"POST /internal/workers/w1/invocations/00000000-0000-0000-0000-000000000002?next=false HTTP/1.1",
				"POST /internal/workers/w1/invocations/00000000-0000-0000-0000-000000000003 HTTP/1.1");
	}

	/**
	 * Serves the scripted connections; after its responses a connection reads one more
	 * request and closes without answering, as a server does with an idle connection.
	 */
	private void serve() {
		for (List<String> responses : this.script) {
			try (Socket socket = this.server.accept()) {
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
				OutputStream out = socket.getOutputStream();
				for (String response : responses) {
					readRequest(in);
					out.write(response.getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
				}
				if (!responses.getFirst().contains("Connection: close")) {
					readRequest(in);
				}
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void readRequest(BufferedReader in) throws IOException {
		String line = in.readLine();
		if (line == null) {
			return;
		}
		this.requests.add(line);
		String header;
		int length = 0;
		while ((header = in.readLine()) != null && !header.isEmpty()) {
			if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(header.substring("content-length:".length()).strip());
			}
		}
		in.skip(length);
	}

}
