package dev.springbase.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * A service on a real HTTP port, standing in for one of the Springbase services behind
 * the gateway. It records what it receives and answers with what it received, serves
 * actuator health and an OpenAPI document, and takes custom handlers per path.
 */
class ServiceStandIn implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final String name;

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();

	private volatile boolean unreachable;

	ServiceStandIn(String name) {
		this.name = name;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::dispatch);
		this.server.start();
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	void on(String path, HttpHandler handler) {
		this.handlers.put(path, handler);
	}

	/** Drops every connection without an answer, as a crashed service would. */
	void unreachable(boolean unreachable) {
		this.unreachable = unreachable;
	}

	List<Received> receivedAt(String path) {
		return this.received.stream().filter((request) -> request.path().equals(path)).toList();
	}

	Received lastAt(String path) {
		List<Received> at = receivedAt(path);
		if (at.isEmpty()) {
			throw new AssertionError(this.name + " received nothing at " + path);
		}
		return at.getLast();
	}

	private void dispatch(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (this.unreachable) {
				// Closing without an answer drops the connection.
				return;
			}
			String path = exchange.getRequestURI().getRawPath();
			HttpHandler handler = this.handlers.get(path);
			if (handler != null) {
				handler.handle(exchange);
				return;
			}
			if (path.equals("/actuator/health")) {
				respondJson(exchange, 200, Map.of("status", "UP"));
				return;
			}
			Received request = record(exchange);
			if (path.equals("/v3/api-docs")) {
				respondJson(exchange, 200,
						Map.of("openapi", "3.1.0", "info", Map.of("title", this.name, "version", "v1"), "servers",
								List.of(Map.of("url", "http://" + request.headers().getFirst("Host")))));
				return;
			}
			Map<String, Object> echo = new LinkedHashMap<>();
			echo.put("service", this.name);
			echo.put("method", request.method());
			echo.put("path", path);
			echo.put("bytes", request.body().length);
			// Headers the gateway owns and must not pass on twice.
			exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
			String requestId = request.headers().getFirst("X-Request-Id");
			if (requestId != null) {
				exchange.getResponseHeaders().add("X-Request-Id", requestId);
			}
			exchange.getResponseHeaders().add("X-Served-By", this.name);
			respondJson(exchange, 200, echo);
		}
	}

	private Received record(HttpExchange exchange) throws IOException {
		HttpHeaders headers = new HttpHeaders();
		exchange.getRequestHeaders().forEach((name, values) -> values.forEach((value) -> headers.add(name, value)));
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				exchange.getRequestURI().getRawQuery(), headers, body);
		this.received.add(request);
		return request;
	}

	static void respondJson(HttpExchange exchange, int status, Object body) throws IOException {
		respond(exchange, status, "application/json", JSON.writeValueAsBytes(body));
	}

	static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (body.length > 0) ? body.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Received(String method, String path, @Nullable String rawQuery, HttpHeaders headers, byte[] body) {

		@Nullable String bearerToken() {
			String authorization = this.headers.getFirst("Authorization");
			return (authorization != null && authorization.startsWith("Bearer "))
					? authorization.substring("Bearer ".length()) : null;
		}

	}

}
