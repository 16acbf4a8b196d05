package dev.springbase.testsupport.providers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A sign-in provider's stand-in on a local port: the plumbing its subclasses share to
 * speak the provider's real protocol and check what they receive.
 */
public abstract class ProviderStandIn implements AutoCloseable {

	private final HttpServer server;

	ProviderStandIn() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Serves the path; an uncaught failure of a check becomes a 500 the caller sees. */
	final void route(String path, HttpHandler handler) {
		this.server.createContext(path, (exchange) -> {
			try {
				handler.handle(exchange);
			}
			catch (RuntimeException ex) {
				respond(exchange, 500, "text/plain", String.valueOf(ex));
			}
		});
	}

	final void start() {
		this.server.start();
	}

	public final String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	static Map<String, String> query(HttpExchange exchange) {
		String query = exchange.getRequestURI().getRawQuery();
		return (query != null) ? decode(query) : Map.of();
	}

	static Map<String, String> form(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			return decode(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	private static Map<String, String> decode(String encoded) {
		Map<String, String> values = new HashMap<>();
		for (String pair : encoded.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return values;
	}

	/** Whether the PKCE verifier fits the S256 challenge (RFC 7636 4.6). */
	static boolean fitsChallenge(@Nullable String verifier, String challenge) {
		if (verifier == null) {
			return false;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).equals(challenge);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String newCode() {
		return UUID.randomUUID().toString();
	}

	static void json(HttpExchange exchange, int status, String json) throws IOException {
		respond(exchange, status, "application/json", json);
	}

	static void respond(HttpExchange exchange, int status, String contentType, String content) throws IOException {
		byte[] body = content.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	static void redirect(HttpExchange exchange, String location) throws IOException {
		exchange.getResponseHeaders().set("Location", location);
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
