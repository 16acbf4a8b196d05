package dev.springbase.storage.objects;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.springbase.platform.errors.ApiException;

/**
 * One page of a bucket listing: objects, and the "folders" (common prefixes up to the
 * delimiter) in between, in key order. {@code nextCursor} is absent on the last page.
 */
public record ObjectListing(List<ObjectView> items, List<String> folders, @Nullable String nextCursor) {

	static String cursorOf(String lastEntry) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(lastEntry.getBytes(StandardCharsets.UTF_8));
	}

	static @Nullable String after(@Nullable String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest("request.invalid_cursor",
					"cursor is not one this API returned; pass nextCursor from the previous page unchanged.");
		}
	}

}
