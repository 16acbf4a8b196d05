package dev.springbase.functions.host;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import javax.net.ssl.SSLSocketFactory;

import tools.jackson.databind.json.JsonMapper;

import dev.springbase.functions.host.RuntimeMessages.Init;
import dev.springbase.functions.host.RuntimeMessages.Next;
import dev.springbase.functions.host.RuntimeMessages.Result;
import dev.springbase.functions.host.RuntimeMessages.Token;

/**
 * Talks to the functions service's runtime API for this worker, in the style of AWS
 * Lambda's: the worker asks for work with a long poll, so it needs no listening port and
 * could run on another machine.
 * <p>
 * A worker makes one request at a time, so this is a plain blocking HTTP/1.1 client on
 * one kept-alive socket rather than the JDK's {@code HttpClient}: that one hands every
 * exchange between its selector and executor threads, which cost milliseconds per
 * invocation on a busy machine, and it loads some hundred classes more on every cold
 * start.
 */
final class RuntimeClient {

	/** Longer than the service holds a poll open, so an idle poll ends with 204. */
	private static final int POLL_TIMEOUT_MILLIS = 90_000;

	private static final int TIMEOUT_MILLIS = 30_000;

	private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

	private final JsonMapper json = JsonMapper.builder().build();

	private final URI api;

	private final String token;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	RuntimeClient(URI api, String token) {
		this.api = api;
		this.token = token;
	}

	JsonMapper json() {
		return this.json;
	}

	Init init() throws IOException, InterruptedException {
		Response response = exchange("GET", "/init", null, TIMEOUT_MILLIS);
		expect(response, 200, "/init");
		return this.json.readValue(response.body(), Init.class);
	}

	/** The next invocation, or null when none came within the service's poll window. */
	Next next() throws IOException, InterruptedException, Stop {
		return work(exchange("GET", "/next", null, POLL_TIMEOUT_MILLIS), "/next");
	}

	/**
	 * Reports how an invocation ended and, when {@code more}, waits for the next one as
	 * {@link #next()} does, in the same exchange: a warm worker makes one request per
	 * invocation.
	 * @return the next invocation; null when none came, when {@code more} is false, or
	 * when the service no longer wanted this result (the worker then asks with
	 * {@link #next()})
	 */
	Next finish(UUID invocationId, Result result, boolean more) throws IOException, InterruptedException, Stop {
		String path = "/invocations/" + invocationId + (more ? "" : "?next=false");
		Response response = exchange("POST", path, this.json.writeValueAsBytes(result),
				more ? POLL_TIMEOUT_MILLIS : TIMEOUT_MILLIS);
		return (response.status() == 409) ? null : work(response, path);
	}

	private Next work(Response response, String path) throws IOException, Stop {
		if (response.status() == 204) {
			return null;
		}
		if (response.status() == 410) {
			throw new Stop();
		}
		expect(response, 200, path);
		return this.json.readValue(response.body(), Next.class);
	}

	/**
	 * A fresh token of the function, for an invocation whose token runs out; null when
	 * the service could not get one.
	 */
	String token() throws IOException, InterruptedException {
		Response response = exchange("GET", "/token", null, TIMEOUT_MILLIS);
		return (response.status() == 200) ? this.json.readValue(response.body(), Token.class).token() : null;
	}

	/**
	 * One request and its response. A kept-alive connection that the service closed
	 * meanwhile answers nothing at all; the request then goes again on a new one.
	 */
	private synchronized Response exchange(String method, String path, byte[] body, int timeoutMillis)
			throws IOException, InterruptedException {
		if (Thread.interrupted()) {
			throw new InterruptedException();
		}
		boolean reused = this.socket != null;
		try {
			return send(method, path, body, timeoutMillis);
		}
		catch (StaleConnection ex) {
			close();
			if (!reused) {
				throw new EOFException(this.api + path + " closed the connection without answering");
			}
			return send(method, path, body, timeoutMillis);
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private Response send(String method, String path, byte[] body, int timeoutMillis) throws IOException {
		if (this.socket == null) {
			connect();
		}
		this.socket.setSoTimeout(timeoutMillis);
		StringBuilder head = new StringBuilder(256).append(method)
			.append(' ')
			.append(this.api.getRawPath())
			.append(path)
			.append(" HTTP/1.1\r\nHost: ")
			.append(this.api.getRawAuthority())
			.append("\r\n")
			.append(WorkerMain.TOKEN_HEADER)
			.append(": ")
			.append(this.token)
			.append("\r\n");
		if (body != null) {
			head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		this.out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		if (body != null) {
			this.out.write(body);
		}
		this.out.flush();
		return read();
	}

	private Response read() throws IOException {
		String statusLine = line();
		if (statusLine == null) {
			throw new StaleConnection();
		}
		if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
			throw new IOException("Not an HTTP response: " + statusLine);
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean closes = false;
		String header;
		while ((header = line()) != null && !header.isEmpty()) {
			int colon = header.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
			switch (name) {
				case "content-length" -> length = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.contains("chunked");
				case "connection" -> closes = value.contains("close");
				default -> {
				}
			}
		}
		byte[] body;
		if (chunked) {
			body = chunks();
		}
		else if (length >= 0) {
			body = this.in.readNBytes((int) length);
		}
		else if (status == 204 || status == 304 || status < 200) {
			body = new byte[0];
		}
		else {
			body = this.in.readAllBytes();
			closes = true;
		}
		if (closes) {
			close();
		}
		return new Response(status, body);
	}

	private byte[] chunks() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String size = line();
			if (size == null) {
				throw new EOFException("The response ended inside its body");
			}
			int semicolon = size.indexOf(';');
			int length = Integer.parseInt((semicolon < 0) ? size.strip() : size.substring(0, semicolon).strip(), 16);
			if (length == 0) {
				String trailer;
				while ((trailer = line()) != null && !trailer.isEmpty()) {
					// Trailers carry nothing the worker needs.
				}
				return body.toByteArray();
			}
			body.write(this.in.readNBytes(length));
			line();
		}
	}

	/** One header line without its line end; null at the end of the stream. */
	private String line() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		int b;
		while ((b = this.in.read()) != -1) {
			if (b == '\n') {
				return line.toString(StandardCharsets.ISO_8859_1);
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return (line.size() == 0) ? null : line.toString(StandardCharsets.ISO_8859_1);
	}

	private void connect() throws IOException {
		boolean secure = "https".equalsIgnoreCase(this.api.getScheme());
		int port = (this.api.getPort() != -1) ? this.api.getPort() : (secure ? 443 : 80);
		Socket plain = new Socket();
		try {
			plain.connect(new InetSocketAddress(this.api.getHost(), port), CONNECT_TIMEOUT_MILLIS);
			plain.setTcpNoDelay(true);
			this.socket = secure ? ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain,
					this.api.getHost(), port, true) : plain;
		}
		catch (IOException ex) {
			plain.close();
			throw ex;
		}
		this.in = new BufferedInputStream(this.socket.getInputStream(), 16 * 1024);
		this.out = new BufferedOutputStream(this.socket.getOutputStream(), 16 * 1024);
	}

	private void close() {
		Socket current = this.socket;
		this.socket = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (IOException ex) {
				// Closing anyway.
			}
		}
	}

	private void expect(Response response, int status, String path) throws IOException {
		if (response.status() != status) {
			throw new IOException(this.api + path + " answered " + response.status());
		}
	}

	private record Response(int status, byte[] body) {

	}

	/** The connection was closed before any byte of an answer. */
	private static final class StaleConnection extends IOException {

		StaleConnection() {
			super(null, null);
		}

	}

	/** The service retired this worker: it exits quietly. */
	static final class Stop extends Exception {

		Stop() {
			super(null, null, false, false);
		}

	}

}
