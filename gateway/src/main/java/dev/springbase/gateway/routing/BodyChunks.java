package dev.springbase.gateway.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a proxied body in chunks of up to 64 KiB made of what has already arrived. The
 * stock proxy hands on each read as it comes (8 KiB from Tomcat), and every write and
 * flush costs a trip through the client's and Tomcat's buffers, so large bodies cost the
 * gateway several times the CPU of larger chunks. A chunk never waits for bytes that have
 * not arrived, and when nothing more has arrived the output is flushed, so that bytes do
 * not sit in its buffer (Tomcat's socket buffer holds a whole chunk) while the next read
 * waits: streaming stays streaming. Most bodies are small or empty (every request and
 * response passes here), so the first chunk is at most 8 KiB and the 64 KiB buffer is
 * only taken by a body that fills it.
 */
final class BodyChunks {

	static final int FIRST_CHUNK_SIZE = 8 * 1024;

	static final int CHUNK_SIZE = 64 * 1024;

	private BodyChunks() {
	}

	static long copy(InputStream in, OutputStream out) throws IOException {
		byte[] buffer = new byte[FIRST_CHUNK_SIZE];
		long total = 0;
		for (int filled = fill(in, buffer); filled >= 0; filled = fill(in, buffer)) {
			out.write(buffer, 0, filled);
			total += filled;
			if (in.available() == 0) {
				out.flush();
			}
			if (filled == buffer.length && buffer.length < CHUNK_SIZE) {
				buffer = new byte[CHUNK_SIZE];
			}
		}
		return total;
	}

	/**
	 * Reads what has arrived, up to the buffer's size, waiting only for the first byte;
	 * -1 at the end of the body.
	 */
	private static int fill(InputStream in, byte[] buffer) throws IOException {
		int filled = in.read(buffer, 0, buffer.length);
		if (filled < 0) {
			return -1;
		}
		while (filled < buffer.length && in.available() > 0) {
			int n = in.read(buffer, filled, buffer.length - filled);
			if (n < 0) {
				break;
			}
			filled += n;
		}
		return filled;
	}

}
