package dev.springbase.gateway.routing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BodyChunksTests {

	@Test
	void joinsBytesThatHaveArrivedIntoChunksOf64KiBAfterAFirstSmallOne() throws IOException {
		byte[] body = new byte[150 * 1024];
		// Hands out at most 8 KiB per read, as Tomcat does.
		ByteArrayInputStream in = new ByteArrayInputStream(body) {

			@Override
			public synchronized int read(byte[] buffer, int offset, int length) {
				return super.read(buffer, offset, Math.min(length, 8 * 1024));
			}

		};
		Writes out = new Writes();

		assertThat(BodyChunks.copy(in, out)).isEqualTo(body.length);
		assertThat(out.sizes).containsExactly(8 * 1024, 64 * 1024, 64 * 1024, 14 * 1024);
	}

	@Test
	void passesOnAndFlushesWhatHasArrivedWithoutWaitingForMore() throws Exception {
		PipedOutputStream client = new PipedOutputStream();
		PipedInputStream in = new PipedInputStream(client, 1024 * 1024);
		Writes out = new Writes();
		CompletableFuture<Long> copied = CompletableFuture.supplyAsync(() -> {
			try {
				return BodyChunks.copy(in, out);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});

		client.write(new byte[10]);
		client.flush();
		out.awaitFirstFlush();
		client.write(new byte[20]);
		client.close();

		assertThat(copied.get(10, TimeUnit.SECONDS)).isEqualTo(30);
		assertThat(out.sizes).containsExactly(10, 20);
	}

	@Test
	void copiesAnEmptyBodyAsNothing() throws IOException {
		Writes out = new Writes();

		assertThat(BodyChunks.copy(new ByteArrayInputStream(new byte[0]), out)).isZero();
		assertThat(out.sizes).isEmpty();
	}

	/** Records the size of each write, and when it was first flushed. */
	static final class Writes extends OutputStream {

		final List<Integer> sizes = new ArrayList<>();

		private final CompletableFuture<Void> firstFlush = new CompletableFuture<>();

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public synchronized void write(byte[] buffer, int offset, int length) {
			this.sizes.add(length);
		}

		@Override
		public void flush() {
			this.firstFlush.complete(null);
		}

		void awaitFirstFlush() throws Exception {
			this.firstFlush.get(10, TimeUnit.SECONDS);
		}

	}

}
