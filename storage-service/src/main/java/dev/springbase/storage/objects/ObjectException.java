package dev.springbase.storage.objects;

import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** Expected failures around objects. */
public final class ObjectException {

	private ObjectException() {
	}

	public static ApiException notFound(String bucket, String key) {
		return ApiException.notFound("storage.object_not_found", "No object '" + key + "' in bucket '" + bucket + "'.");
	}

	public static ApiException exists(String bucket, String key) {
		return ApiException.conflict("storage.object_exists",
				"Object '" + key + "' exists already in bucket '" + bucket + "'. Send x-upsert: true to replace it.");
	}

	public static ApiException tooLarge(long limit) {
		return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "storage.object_too_large",
				"The object is larger than " + limit + " bytes, the most this bucket takes. Nothing was stored.",
				Map.of("maxBytes", limit));
	}

	public static ApiException bytesQuotaExceeded(long maxBytes) {
		return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "storage.quota_exceeded",
				"The project would store more than " + maxBytes + " bytes, its quota. Nothing was stored.",
				Map.of("maxBytes", maxBytes));
	}

	public static ApiException objectsQuotaExceeded(long maxObjects) {
		return new ApiException(HttpStatus.FORBIDDEN, "storage.quota_exceeded",
				"The project holds " + maxObjects + " objects, its quota; delete some first.",
				Map.of("maxObjects", maxObjects));
	}

	public static ApiException typeNotAllowed(String bucket, String type) {
		return new ApiException(
				HttpStatus.UNSUPPORTED_MEDIA_TYPE, "storage.type_not_allowed", "Bucket '" + bucket + "' does not take "
						+ type + " (the type is read from the bytes, not from the request).",
				Map.of("contentType", type));
	}

	public static ApiException rangeNotSatisfiable(long size) {
		return new ApiException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "storage.range_not_satisfiable",
				"The range starts past the end of the object, which has " + size + " bytes.", Map.of("size", size));
	}

	public static ApiException invalidMetadata(String detail) {
		return ApiException.badRequest("storage.invalid_metadata", detail);
	}

}
