package dev.springbase.functions.host;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Routes what the function prints to {@code System.out} and {@code System.err} into the
 * running invocation's log, line by line; between invocations it goes to the process's
 * own output.
 */
final class OutputCapture {

	private final PrintStream original;

	private volatile InvocationLog target;

	private OutputCapture(PrintStream original) {
		this.original = original;
	}

	static OutputCapture install() {
		OutputCapture capture = new OutputCapture(System.err);
		System.setOut(new PrintStream(capture.new LineStream("OUT "), true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(capture.new LineStream("ERR "), true, StandardCharsets.UTF_8));
		return capture;
	}

	void route(InvocationLog log) {
		this.target = log;
	}

	private final class LineStream extends OutputStream {

		private final String prefix;

		private final ByteArrayOutputStream line = new ByteArrayOutputStream();

		LineStream(String prefix) {
			this.prefix = prefix;
		}

		@Override
		public synchronized void write(int b) {
			if (b == '\n') {
				flushLine();
			}
			else if (this.line.size() < 16 * 1024) {
				this.line.write(b);
			}
		}

		@Override
		public synchronized void flush() {
			if (this.line.size() > 0) {
				flushLine();
			}
		}

		private void flushLine() {
			String text = this.line.toString(StandardCharsets.UTF_8);
			this.line.reset();
			InvocationLog log = OutputCapture.this.target;
			if (log != null) {
				log.append(this.prefix + text);
			}
			else {
				OutputCapture.this.original.println(text);
			}
		}

	}

}
