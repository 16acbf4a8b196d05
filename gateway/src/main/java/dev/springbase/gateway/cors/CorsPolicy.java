package dev.springbase.gateway.cors;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import dev.springbase.gateway.auth.AuthClient;

/**
 * The gateway answers CORS for every service, per project: an actual request is allowed
 * when its API key's project accepts the origin; a preflight cannot carry the key, so it
 * is allowed when any project accepts the origin, and the actual request is checked again
 * with its key.
 */
@Component
public class CorsPolicy {

	/**
	 * Request attribute holding the origin that the API key's project accepted, so that
	 * whatever answers the request, proxied response or problem, carries the CORS
	 * headers.
	 */
	public static final String APPROVED_ORIGIN = CorsPolicy.class.getName() + ".approvedOrigin";

	private static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

	private static final String ALLOWED_HEADERS = String.join(", ",
			List.of("apikey", "authorization", "content-type", "accept", "x-request-id", "idempotency-key", "range",
					"if-match", "if-none-match", "cache-control", "x-client-info", "tus-resumable", "upload-length",
					"upload-offset", "upload-metadata", "upload-defer-length", "upload-concat",
					"x-http-method-override"));

	private static final String EXPOSED_HEADERS = String.join(", ",
			List.of("X-Request-Id", "Retry-After", "ETag", "Content-Range", "Content-Length", "Content-Disposition",
					"Accept-Ranges", "Last-Modified", "Location", "Tus-Resumable", "Tus-Version", "Tus-Extension",
					"Tus-Max-Size", "Upload-Offset", "Upload-Length", "Upload-Expires", "Upload-Metadata"));

	private static final String MAX_AGE_SECONDS = "3600";

	private static final String ALL = "all";

	// Refreshed as often as API keys, so that an origin removed from a project stops
	// passing preflights within the same 5 seconds.
	private final LoadingCache<String, Set<String>> allowedOrigins;

	CorsPolicy(AuthClient auth) {
		this.allowedOrigins = Caffeine.newBuilder()
			.expireAfterWrite(Duration.ofSeconds(5))
			.build((ignored) -> auth.allowedOrigins());
	}

	/**
	 * Whether a preflight from this origin may go ahead.
	 * @throws dev.springbase.gateway.auth.AuthUnavailable when the auth service cannot
	 * answer
	 */
	boolean allowedByAnyProject(String origin) {
		Set<String> origins = this.allowedOrigins.get(ALL);
		return origins.contains("*") || origins.stream().anyMatch(origin::equalsIgnoreCase);
	}

	void applyPreflight(HttpServletResponse response, String origin) {
		response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
		response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
		response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
		response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
		response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
		response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
		response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
	}

	/** The headers of an actual request from an approved origin. */
	public static void applyActual(HttpHeaders headers, String origin) {
		headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
		headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
		headers.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
	}

}
