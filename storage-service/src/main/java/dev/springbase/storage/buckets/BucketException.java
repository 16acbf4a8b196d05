package dev.springbase.storage.buckets;

import dev.springbase.platform.errors.ApiException;

/** Expected failures around buckets. */
public final class BucketException {

	private BucketException() {
	}

	public static ApiException notFound(String name) {
		return ApiException.notFound("storage.bucket_not_found",
				"No bucket '" + name + "' in this project. List buckets with GET /storage/v1/bucket.");
	}

	static ApiException exists(String name) {
		return ApiException.conflict("storage.bucket_exists",
				"A bucket named '" + name + "' exists already in this project; pick another name.");
	}

	static ApiException reserved(String name) {
		return ApiException.badRequest("storage.bucket_name_reserved",
				"'" + name + "' is a word of the storage API's paths and cannot name a bucket.");
	}

	static ApiException notEmpty(String name) {
		return ApiException.conflict("storage.bucket_not_empty",
				"Bucket '" + name + "' still holds objects; delete them first.");
	}

}
