package dev.springbase.storage.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.storage.access.Requester;
import dev.springbase.storage.config.StorageProperties;

/**
 * The tus 1.0 resumable upload protocol (https://tus.io/protocols/resumable-upload) with
 * the creation, creation-with-upload, termination, expiration and checksum extensions.
 * {@code Upload-Metadata} names the object: {@code bucketName} and {@code objectName},
 * optionally {@code cacheControl}; {@code x-upsert: true} replaces an existing object.
 */
@RestController
@RequestMapping("${springbase.api-prefix}/upload/resumable")
class TusController {

	static final String VERSION = "1.0.0";

	static final String OFFSET_CONTENT_TYPE = "application/offset+octet-stream";

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private static final Map<String, String> CHECKSUM_ALGORITHMS = Map.of("sha1", "SHA-1", "sha256", "SHA-256", "md5",
			"MD5");

	private final ResumableUploadService uploads;

	private final StorageProperties properties;

	TusController(ResumableUploadService uploads, StorageProperties properties) {
		this.uploads = uploads;
		this.properties = properties;
	}

	@RequestMapping(method = RequestMethod.OPTIONS)
	ResponseEntity<Void> options() {
		return ResponseEntity.noContent()
			.header("Tus-Resumable", VERSION)
			.header("Tus-Version", VERSION)
			.header("Tus-Extension", "creation,creation-with-upload,termination,expiration,checksum")
			.header("Tus-Max-Size", String.valueOf(this.properties.maxObjectSize().toBytes()))
			.header("Tus-Checksum-Algorithm", "sha1,sha256,md5")
			.build();
	}

	@RequestMapping(method = RequestMethod.POST)
	void create(Requester requester, @RequestHeader(name = "Upload-Length", required = false) @Nullable Long length,
			@RequestHeader(name = "Upload-Metadata", required = false) @Nullable String rawMetadata,
			@RequestHeader(name = "x-upsert", defaultValue = "false") boolean upsert, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		startTusResponse(request, response);
		if (length == null || length < 0) {
			throw UploadException
				.badRequest("Send Upload-Length with the total size in bytes; deferred lengths are not supported.");
		}
		Map<String, String> metadata = parseMetadata(rawMetadata);
		String bucket = required(metadata, "bucketName");
		String key = required(metadata, "objectName");
		ResumableUpload upload = this.uploads.create(requester, bucket, key, length, upsert,
				metadata.get("cacheControl"), rawMetadata);
		response.setHeader("Location", request.getRequestURI() + "/" + upload.id());
		response.setHeader("Upload-Expires", HTTP_DATE.format(upload.expiresAt()));
		long offset = 0;
		if (hasBody(request)) {
			ResumableUploadService.Progress progress = appendBody(requester, upload, 0, request);
			offset = progress.offset();
			response.setHeader("Upload-Expires", HTTP_DATE.format(progress.expiresAt()));
		}
		response.setHeader("Upload-Offset", String.valueOf(offset));
		response.setStatus(HttpStatus.CREATED.value());
	}

	@RequestMapping(path = "/{id}", method = RequestMethod.HEAD)
	void status(Requester requester, @PathVariable UUID id, HttpServletRequest request, HttpServletResponse response) {
		startTusResponse(request, response);
		ResumableUpload upload = this.uploads.find(requester, id);
		response.setHeader("Upload-Offset", String.valueOf(this.uploads.offset(upload)));
		response.setHeader("Upload-Length", String.valueOf(upload.length()));
		response.setHeader("Upload-Expires", HTTP_DATE.format(upload.expiresAt()));
		if (upload.metadata() != null) {
			response.setHeader("Upload-Metadata", upload.metadata());
		}
		response.setHeader("Cache-Control", "no-store");
		response.setStatus(HttpStatus.OK.value());
	}

	@RequestMapping(path = "/{id}", method = RequestMethod.PATCH)
	void append(Requester requester, @PathVariable UUID id,
			@RequestHeader(name = "Upload-Offset", required = false) @Nullable Long offset, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		startTusResponse(request, response);
		if (request.getContentType() == null || !request.getContentType().startsWith(OFFSET_CONTENT_TYPE)) {
			throw UploadException.wrongContentType();
		}
		if (offset == null || offset < 0) {
			throw UploadException.badRequest("Send Upload-Offset with the offset this chunk starts at.");
		}
		ResumableUpload upload = this.uploads.find(requester, id);
		ResumableUploadService.Progress progress = appendBody(requester, upload, offset, request);
		response.setHeader("Upload-Offset", String.valueOf(progress.offset()));
		response.setHeader("Upload-Expires", HTTP_DATE.format(progress.expiresAt()));
		response.setStatus(HttpStatus.NO_CONTENT.value());
	}

	/**
	 * Clients that cannot send PATCH or DELETE (Java's HttpURLConnection, which the
	 * official tus Java and Android clients use, or a restrictive proxy) send POST with
	 * {@code X-HTTP-Method-Override}, which the protocol asks servers to honour.
	 */
	@RequestMapping(path = "/{id}", method = RequestMethod.POST, headers = "X-HTTP-Method-Override=PATCH")
	void appendByOverride(Requester requester, @PathVariable UUID id,
			@RequestHeader(name = "Upload-Offset", required = false) @Nullable Long offset, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		append(requester, id, offset, request, response);
	}

	@RequestMapping(path = "/{id}", method = RequestMethod.POST, headers = "X-HTTP-Method-Override=DELETE")
	void terminateByOverride(Requester requester, @PathVariable UUID id, HttpServletRequest request,
			HttpServletResponse response) {
		terminate(requester, id, request, response);
	}

	@RequestMapping(path = "/{id}", method = RequestMethod.DELETE)
	void terminate(Requester requester, @PathVariable UUID id, HttpServletRequest request,
			HttpServletResponse response) {
		startTusResponse(request, response);
		this.uploads.terminate(this.uploads.find(requester, id));
		response.setStatus(HttpStatus.NO_CONTENT.value());
	}

	private ResumableUploadService.Progress appendBody(Requester requester, ResumableUpload upload, long offset,
			HttpServletRequest request) throws IOException {
		MessageDigest checksum = null;
		byte[] expected = null;
		String checksumHeader = request.getHeader("Upload-Checksum");
		if (checksumHeader != null) {
			String[] parts = checksumHeader.strip().split(" ", 2);
			String algorithm = CHECKSUM_ALGORITHMS.get(parts[0].toLowerCase(Locale.ROOT));
			if (algorithm == null || parts.length < 2) {
				throw UploadException
					.badRequest("Upload-Checksum is '<algorithm> <base64 digest>' with sha1, sha256 or md5.");
			}
			try {
				checksum = MessageDigest.getInstance(algorithm);
				expected = Base64.getDecoder().decode(parts[1].strip());
			}
			catch (NoSuchAlgorithmException | IllegalArgumentException ex) {
				throw UploadException.badRequest("Upload-Checksum's digest is not valid base64.");
			}
		}
		try (InputStream body = request.getInputStream()) {
			return this.uploads.append(requester, upload, offset, body, checksum, expected);
		}
	}

	private static void startTusResponse(HttpServletRequest request, HttpServletResponse response) {
		response.setHeader("Tus-Resumable", VERSION);
		if (!VERSION.equals(request.getHeader("Tus-Resumable"))) {
			response.setHeader("Tus-Version", VERSION);
			throw UploadException.unsupportedVersion();
		}
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentType() != null && request.getContentType().startsWith(OFFSET_CONTENT_TYPE)
				&& request.getContentLengthLong() != 0;
	}

	/** {@code key base64,key base64,...}; a key may come without a value. */
	static Map<String, String> parseMetadata(@Nullable String header) {
		Map<String, String> values = new HashMap<>();
		if (header == null || header.isBlank()) {
			return values;
		}
		for (String pair : header.split(",")) {
			String[] parts = pair.strip().split(" ", 2);
			try {
				values.put(parts[0], (parts.length > 1)
						? new String(Base64.getDecoder().decode(parts[1].strip()), StandardCharsets.UTF_8) : "");
			}
			catch (IllegalArgumentException ex) {
				throw UploadException.badRequest("Upload-Metadata value of '" + parts[0] + "' is not valid base64.");
			}
		}
		return values;
	}

	private static String required(Map<String, String> metadata, String name) {
		String value = metadata.get(name);
		if (value == null || value.isEmpty()) {
			throw UploadException
				.badRequest("Upload-Metadata must name the object: bucketName and objectName, base64 encoded.");
		}
		return value;
	}

}
