package dev.springbase.storage.objects;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Writes an object as an HTTP response: validators ({@code ETag}, {@code Last-Modified})
 * and conditional requests (RFC 9110 section 13), one byte range (206/416), the object's
 * own {@code Cache-Control}, and {@code Content-Disposition} for download-as. The bytes
 * are streamed from the backend, never held in memory.
 */
@Component
public class DownloadResponses {

	private static final int BUFFER_SIZE = 64 * 1024;

	private static final String DEFAULT_CACHE_CONTROL = "no-cache";

	/**
	 * @param downloadAs {@code null} to show inline, empty to download under the key's
	 * last segment, or the file name to download as
	 */
	public void write(Download download, @Nullable String downloadAs, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		ObjectView object = download.object();
		Instant lastModified = object.updatedAt().truncatedTo(ChronoUnit.SECONDS);
		response.setHeader(HttpHeaders.ETAG, object.etag());
		response.setDateHeader(HttpHeaders.LAST_MODIFIED, lastModified.toEpochMilli());
		response.setHeader(HttpHeaders.CACHE_CONTROL,
				(object.cacheControl() != null) ? object.cacheControl() : DEFAULT_CACHE_CONTROL);
		response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
		// Uploaded HTML or SVG must not run as this origin's page.
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Content-Security-Policy", "sandbox");
		if (notModified(request, object.etag(), lastModified)) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		ByteRange range = ByteRange.parse(request.getHeader(HttpHeaders.RANGE), object.size());
		if (range != null && !ifRangeMatches(request.getHeader(HttpHeaders.IF_RANGE), object.etag())) {
			range = null;
		}
		if (range == ByteRange.UNSATISFIABLE) {
			response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + object.size());
			throw ObjectException.rangeNotSatisfiable(object.size());
		}
		response.setContentType(object.contentType());
		if (downloadAs != null) {
			String fileName = downloadAs.isBlank() ? object.key().substring(object.key().lastIndexOf('/') + 1)
					: downloadAs;
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
		}
		long offset = 0;
		long length = object.size();
		if (range != null) {
			offset = range.start();
			length = range.length();
			response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
			response.setHeader(HttpHeaders.CONTENT_RANGE,
					"bytes " + range.start() + "-" + range.end() + "/" + object.size());
		}
		response.setContentLengthLong(length);
		if ("HEAD".equals(request.getMethod())) {
			return;
		}
		try (InputStream in = download.open(offset, length)) {
			OutputStream out = response.getOutputStream();
			byte[] buffer = new byte[BUFFER_SIZE];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				out.write(buffer, 0, n);
			}
		}
	}

	/**
	 * {@code If-None-Match} wins over {@code If-Modified-Since}, and ETags compare
	 * weakly, as RFC 9110 asks for GET and HEAD.
	 */
	private static boolean notModified(HttpServletRequest request, String etag, Instant lastModified) {
		String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
		if (ifNoneMatch != null) {
			return ifNoneMatch.strip().equals("*") || Arrays.stream(ifNoneMatch.split(","))
				.map(String::strip)
				.map((tag) -> tag.startsWith("W/") ? tag.substring(2) : tag)
				.anyMatch(etag::equals);
		}
		try {
			long since = request.getDateHeader(HttpHeaders.IF_MODIFIED_SINCE);
			return since >= 0 && !lastModified.isAfter(Instant.ofEpochMilli(since));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** A range applies only while the object is still the one the client has part of. */
	private static boolean ifRangeMatches(@Nullable String ifRange, String etag) {
		return ifRange == null || ifRange.strip().equals(etag);
	}

	/** An inclusive byte range within an object (RFC 9110 section 14). */
	record ByteRange(long start, long end) {

		static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

		long length() {
			return this.end - this.start + 1;
		}

		/**
		 * The one range asked for; null to send the whole object (no header, a header
		 * this server ignores such as several ranges, or one that does not parse).
		 */
		static @Nullable ByteRange parse(@Nullable String header, long size) {
			if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
				return null;
			}
			String spec = header.substring("bytes=".length()).strip();
			int dash = spec.indexOf('-');
			if (dash < 0) {
				return null;
			}
			try {
				String first = spec.substring(0, dash).strip();
				String last = spec.substring(dash + 1).strip();
				if (first.isEmpty()) {
					long suffix = Long.parseLong(last);
					if (suffix <= 0 || size == 0) {
						return UNSATISFIABLE;
					}
					return new ByteRange(Math.max(0, size - suffix), size - 1);
				}
				long start = Long.parseLong(first);
				Long end = last.isEmpty() ? null : Long.parseLong(last);
				if (start < 0 || (end != null && end < start)) {
					return null;
				}
				if (start >= size) {
					return UNSATISFIABLE;
				}
				return new ByteRange(start, (end != null) ? Math.min(end, size - 1) : size - 1);
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

}
