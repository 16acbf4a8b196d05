package dev.springbase.gateway.routing;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets the proxy forward request bodies in {@link BodyChunks}: it copies the servlet
 * input stream with {@code InputStream.transferTo}, which this stream does chunk by
 * chunk.
 */
class ChunkedRequestBodies extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new HttpServletRequestWrapper(request) {

			@Override
			public ServletInputStream getInputStream() throws IOException {
				return new ChunkedInputStream(super.getInputStream());
			}

		}, response);
	}

	private static final class ChunkedInputStream extends ServletInputStream {

		private final ServletInputStream in;

		ChunkedInputStream(ServletInputStream in) {
			this.in = in;
		}

		@Override
		public long transferTo(OutputStream out) throws IOException {
			return BodyChunks.copy(this.in, out);
		}

		@Override
		public int read() throws IOException {
			return this.in.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			return this.in.read(buffer, offset, length);
		}

		@Override
		public int available() throws IOException {
			return this.in.available();
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
