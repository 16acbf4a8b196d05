package dev.springbase.storage.objects;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How an upload is stored.
 *
 * @param upsert replace an existing object instead of refusing with 409
 * @param cacheControl the {@code Cache-Control} its downloads carry
 * @param metadata the client's own key-value pairs
 */
public record UploadOptions(boolean upsert, @Nullable String cacheControl, Map<String, String> metadata) {

	/** Bounds user metadata, which travels in one header and in every listing. */
	static final int MAX_METADATA_ENTRIES = 50;

	static final int MAX_METADATA_CHARS = 4096;

	public UploadOptions {
		metadata = Map.copyOf(metadata);
		int chars = metadata.entrySet()
			.stream()
			.mapToInt((entry) -> entry.getKey().length() + entry.getValue().length())
			.sum();
		if (metadata.size() > MAX_METADATA_ENTRIES || chars > MAX_METADATA_CHARS) {
			throw ObjectException.invalidMetadata("User metadata holds at most " + MAX_METADATA_ENTRIES
					+ " entries and " + MAX_METADATA_CHARS + " characters.");
		}
		if (cacheControl != null
				&& (cacheControl.length() > 200 || cacheControl.chars().anyMatch(Character::isISOControl))) {
			throw ObjectException.invalidMetadata("Cache-Control must be at most 200 printable characters.");
		}
	}

}
