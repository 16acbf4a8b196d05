package dev.springbase.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.springbase.platform.errors.ApiException;

/**
 * The {@code limit} and {@code cursor} of a list request. Cursors are opaque to clients:
 * base64url of the last id of the previous page.
 */
public record PageRequest(int limit, @Nullable UUID after) {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = 200;

	public static PageRequest of(@Nullable Integer limit, @Nullable String cursor) {
		int size = (limit != null) ? limit : DEFAULT_LIMIT;
		if (size < 1 || size > MAX_LIMIT) {
			throw ApiException.badRequest("request.invalid_limit",
					"limit must be between 1 and " + MAX_LIMIT + ", was " + size + ".");
		}
		return new PageRequest(size, (cursor != null && !cursor.isBlank()) ? decode(cursor) : null);
	}

	public static String cursorOf(UUID lastId) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(lastId.toString().getBytes(StandardCharsets.US_ASCII));
	}

	private static UUID decode(String cursor) {
		try {
			return UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest("request.invalid_cursor",
					"cursor is not one this API returned; pass nextCursor from the previous page unchanged.");
		}
	}

	/**
	 * How many rows to fetch: one more than the limit tells whether a next page exists.
	 */
	public int fetchSize() {
		return this.limit + 1;
	}

}
