package dev.springbase.storage.uploads;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

import dev.springbase.platform.errors.ApiException;

/** Expected failures of tus uploads, with the status codes tus clients act on. */
final class UploadException {

	/** tus checksum extension: the chunk's checksum did not match; it was discarded. */
	private static final HttpStatusCode CHECKSUM_MISMATCH = HttpStatusCode.valueOf(460);

	private UploadException() {
	}

	static ApiException notFound(UUID id) {
		return ApiException.notFound("storage.upload_not_found",
				"No resumable upload " + id + "; it may have finished, expired or been cancelled.");
	}

	static ApiException expired(UUID id) {
		return new ApiException(HttpStatus.GONE, "storage.upload_expired",
				"Resumable upload " + id + " expired; start a new one.");
	}

	static ApiException offsetMismatch(long expected) {
		return new ApiException(HttpStatus.CONFLICT, "storage.upload_offset_mismatch",
				"Upload-Offset must be " + expected
						+ ", the bytes the server has; ask with HEAD and resume from there.",
				Map.of("offset", expected));
	}

	static ApiException busy() {
		return new ApiException(HttpStatus.LOCKED, "storage.upload_busy",
				"Another request is writing to this upload; retry once it is done.");
	}

	static ApiException pastLength(long length) {
		return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "storage.upload_past_length",
				"The body goes past Upload-Length (" + length + " bytes); the chunk was discarded.");
	}

	static ApiException checksumMismatch() {
		return new ApiException(CHECKSUM_MISMATCH, "storage.checksum_mismatch",
				"The chunk does not match its Upload-Checksum; it was discarded, send it again.");
	}

	static ApiException badRequest(String detail) {
		return ApiException.badRequest("storage.invalid_tus_request", detail);
	}

	static ApiException unsupportedVersion() {
		return new ApiException(HttpStatus.PRECONDITION_FAILED, "storage.tus_version_unsupported",
				"This server speaks tus 1.0.0; send Tus-Resumable: 1.0.0.");
	}

	static ApiException wrongContentType() {
		return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "storage.invalid_tus_request",
				"PATCH bodies are sent as application/offset+octet-stream.");
	}

}
