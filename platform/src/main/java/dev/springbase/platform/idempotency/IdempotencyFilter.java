package dev.springbase.platform.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.StreamUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.errors.ProblemResponses;
import dev.springbase.platform.idempotency.IdempotencyStore.StoredRequest;
import dev.springbase.platform.security.PlatformClaims;

/**
 * Honours {@code Idempotency-Key} on authenticated POSTs
 * (draft-ietf-httpapi-idempotency-key-header): the first request is processed and its
 * answer stored; a retry with the same key and the same request gets that answer again,
 * marked {@code Idempotent-Replayed: true}. The same key with a different request is
 * refused with 422, and a retry while the first is still running with 409. Keys are
 * scoped to the caller, so two callers never see each other's answers.
 */
class IdempotencyFilter extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";

	static final String REPLAYED_HEADER = "Idempotent-Replayed";

	private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

	private final IdempotencyStore store;

	IdempotencyFilter(IdempotencyStore store) {
		this.store = store;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
				|| isStreamed(request.getContentType());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String scope = scopeOf(SecurityContextHolder.getContext().getAuthentication());
		if (scope == null) {
			chain.doFilter(request, response);
			return;
		}
		String key = request.getHeader(HEADER);
		if (!VALID_KEY.matcher(key).matches()) {
			ProblemResponses.write(response, ApiException.badRequest("request.invalid_idempotency_key",
					"Idempotency-Key must be 1 to 255 visible ASCII characters."));
			return;
		}
		byte[] body = StreamUtils.copyToByteArray(request.getInputStream());
		String hash = hash(request, body);
		if (!this.store.claim(scope, key, hash)) {
			answerFromStore(response, scope, key, hash);
			return;
		}
		ContentCachingResponseWrapper cachingResponse = new ContentCachingResponseWrapper(response);
		boolean completed = false;
		try {
			chain.doFilter(new BufferedBodyRequest(request, body), cachingResponse);
			int status = cachingResponse.getStatus();
			if (status < 500) {
				this.store.complete(scope, key, status, cachingResponse.getContentType(),
						cachingResponse.getHeader(HttpHeaders.LOCATION), cachingResponse.getContentAsByteArray());
				completed = true;
			}
		}
		finally {
			if (!completed) {
				// A failure on our side must not pin the key: the client may retry.
				this.store.release(scope, key);
			}
			cachingResponse.copyBodyToResponse();
		}
	}

	private void answerFromStore(HttpServletResponse response, String scope, String key, String hash)
			throws IOException {
		StoredRequest stored = this.store.find(scope, key).orElse(null);
		if (stored == null || stored.inProgress()) {
			ProblemResponses.write(response, ApiException.conflict("request.idempotency_in_progress",
					"A request with this Idempotency-Key is still being processed; retry in a moment."));
			return;
		}
		if (!stored.requestHash().equals(hash)) {
			ProblemResponses.write(response,
					new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "request.idempotency_key_reused",
							"This Idempotency-Key was used for a different request; use a new key for a new request."));
			return;
		}
		response.setStatus(stored.status());
		response.setHeader(REPLAYED_HEADER, "true");
		if (stored.contentType() != null) {
			response.setContentType(stored.contentType());
		}
		if (stored.location() != null) {
			response.setHeader(HttpHeaders.LOCATION, stored.location());
		}
		if (stored.body() != null) {
			response.getOutputStream().write(stored.body());
		}
	}

	private static String scopeOf(Authentication authentication) {
		if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
			return jwt.getClaimAsString(PlatformClaims.KIND) + ":" + jwt.getSubject();
		}
		return null;
	}

	private static boolean isStreamed(String contentType) {
		return contentType != null && !contentType.startsWith("application/json") && !contentType.contains("+json");
	}

	private static String hash(HttpServletRequest request, byte[] body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			String target = request.getMethod() + " " + request.getRequestURI() + "?"
					+ (request.getQueryString() != null ? request.getQueryString() : "") + "\n";
			digest.update(target.getBytes(StandardCharsets.UTF_8));
			digest.update(body);
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body is already buffered");
				}

			};
		}

	}

}
