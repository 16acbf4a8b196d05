package dev.springbase.gateway.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a proxied body in chunks of up to 64 KiB made of what has already arrived. The
 * stock proxy hands on each read as it comes (8 KiB from Tomcat, 16 KiB from the JDK
 * client), and every write into the JDK client's request body is a hand-off between
 * threads, so large bodies cost the gateway several times the CPU of larger chunks. A
 * chunk never waits for bytes that have not arrived: streaming stays streaming.
 */
final class BodyChunks {

	static final int CHUNK_SIZE = 64 * 1024;

	private BodyChunks() {
	}

	static long copy(InputStream in, OutputStream out) throws IOException {
		byte[] buffer = new byte[CHUNK_SIZE];
		long total = 0;
		boolean ended = false;
		while (!ended) {
			int filled = in.read(buffer, 0, CHUNK_SIZE);
			if (filled < 0) {
				break;
			}
			while (filled < CHUNK_SIZE && in.available() > 0) {
				int n = in.read(buffer, filled, CHUNK_SIZE - filled);
				if (n < 0) {
					ended = true;
					break;
				}
				filled += n;
			}
			out.write(buffer, 0, filled);
			total += filled;
		}
		return total;
	}

}
