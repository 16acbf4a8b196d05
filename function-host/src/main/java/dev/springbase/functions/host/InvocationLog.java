package dev.springbase.functions.host;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.springbase.functions.sdk.FunctionLogger;

/**
 * The log lines of one invocation, bounded in bytes: once the bound is reached further
 * lines are dropped and the log is marked truncated.
 */
final class InvocationLog implements FunctionLogger {

	private final int maxBytes;

	private final List<String> lines = new ArrayList<>();

	private int bytes;

	private boolean truncated;

	InvocationLog(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	synchronized void append(String line) {
		int size = line.getBytes(StandardCharsets.UTF_8).length + 1;
		if (this.bytes + size > this.maxBytes) {
			this.truncated = true;
			return;
		}
		this.bytes += size;
		this.lines.add(line);
	}

	synchronized List<String> lines() {
		return List.copyOf(this.lines);
	}

	synchronized boolean truncated() {
		return this.truncated;
	}

	@Override
	public void info(String message) {
		append("INFO " + message);
	}

	@Override
	public void warn(String message) {
		append("WARN " + message);
	}

	@Override
	public void error(String message) {
		append("ERROR " + message);
	}

	@Override
	public void error(String message, Throwable failure) {
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		append("ERROR " + message + System.lineSeparator() + trace.toString().stripTrailing());
	}

}
