package dev.springbase.functions.host;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import dev.springbase.functions.host.RuntimeMessages.Result;

/**
 * The {@code train} mode: the training run from which the JVM builds a deployment's AOT
 * cache (JEP 483 and 514, {@code -XX:AOTCacheOutput}). It runs the worker's own start-up
 * against a stand-in runtime API on the loopback interface: the worker fetches its
 * settings, loads the function, prepares its JSON binding and asks for work, which the
 * stand-in answers with "stop"; then a result is posted as after an invocation. The cache
 * so holds the classes a cold start loads and links, the function's among them, and the
 * function is never called with made-up input.
 */
final class Training {

	static final int FAILED = 1;

	private Training() {
	}

	static int run(Path jar, String handler) {
		JsonMapper json = JsonMapper.builder().build();
		Map<String, Object> init = new LinkedHashMap<>();
		init.put("projectId", new UUID(0, 0));
		init.put("functionName", "training");
		init.put("jar", jar.toString());
		init.put("handler", handler);
		init.put("env", Map.of());
		init.put("secrets", Map.of());
		init.put("maxLogBytes", 64 * 1024);
		try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
			byte[] initBody = json.writeValueAsBytes(init);
			Thread.ofPlatform().daemon().start(() -> serve(server, initBody));
			URI api = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/internal/workers/" + new UUID(0, 0));
			RuntimeClient runtime = new RuntimeClient(api, "training");
			int status = new Worker(runtime).run();
			if (status != 0) {
				return status;
			}
			runtime.finish(new UUID(0, 1), new Result(true, new byte[0], Payloads.TEXT, null, null, List.of(), false),
					false);
			return 0;
		}
		catch (RuntimeClient.Stop ex) {
			return 0;
		}
		catch (IOException ex) {
			System.err.println("The training run failed: " + ex);
			return FAILED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return FAILED;
		}
	}

	private static void serve(ServerSocket server, byte[] init) {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				Thread.ofPlatform().daemon().start(() -> answer(socket, init));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	/** Answers the requests of one kept-alive HTTP/1.1 connection. */
	private static void answer(Socket socket, byte[] init) {
		try (socket) {
			InputStream in = new BufferedInputStream(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			String request;
			while ((request = line(in)) != null && !request.isEmpty()) {
				int length = 0;
				String header;
				while ((header = line(in)) != null && !header.isEmpty()) {
					if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
						length = Integer.parseInt(header.substring("content-length:".length()).strip());
					}
				}
				in.readNBytes(length);
				String path = request.split(" ")[1];
				if (path.endsWith("/init")) {
					out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + init.length
							+ "\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
					out.write(init);
				}
				else if (path.endsWith("/next")) {
					out.write("HTTP/1.1 410 Gone\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				else {
					out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				out.flush();
			}
		}
		catch (IOException | RuntimeException ex) {
			// The worker hung up.
		}
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			if (b != '\r') {
				line.write(b);
			}
		}
		return (b == -1 && line.size() == 0) ? null : line.toString(StandardCharsets.US_ASCII);
	}

}
