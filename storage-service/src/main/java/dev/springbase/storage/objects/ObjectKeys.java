package dev.springbase.storage.objects;

import java.nio.charset.StandardCharsets;

import dev.springbase.platform.errors.ApiException;

/**
 * Rules for object keys: what a key may hold so that it is safe as a path segment list on
 * any backend and in any URL.
 */
public final class ObjectKeys {

	/** The longest key, in UTF-8 bytes, as S3 allows. */
	public static final int MAX_BYTES = 1024;

	private ObjectKeys() {
	}

	/**
	 * The key as a {@code {*key}} path pattern captures it, without its leading slash.
	 */
	public static String fromPath(String captured) {
		return captured.startsWith("/") ? captured.substring(1) : captured;
	}

	/**
	 * Refuses a key that is empty, too long, holds control characters or dot segments.
	 */
	public static String validate(String key) {
		if (key.isEmpty()) {
			throw invalid(key, "must not be empty");
		}
		if (key.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			throw invalid(key, "must be at most " + MAX_BYTES + " bytes in UTF-8");
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogatePair(key, i)) {
				throw invalid(key, "must not hold control characters");
			}
		}
		if (key.startsWith("/") || key.endsWith("/") || key.contains("//")) {
			throw invalid(key, "must not start or end with '/' or hold empty segments");
		}
		for (String segment : key.split("/")) {
			if (segment.equals(".") || segment.equals("..")) {
				throw invalid(key, "must not hold '.' or '..' segments");
			}
		}
		return key;
	}

	/** Refuses a listing prefix that no valid key could start with. */
	public static String validatePrefix(String prefix) {
		if (prefix.isEmpty()) {
			return prefix;
		}
		validate(prefix.endsWith("/") ? prefix + "x" : prefix);
		return prefix;
	}

	private static boolean validSurrogatePair(String key, int index) {
		char c = key.charAt(index);
		if (Character.isHighSurrogate(c)) {
			return index + 1 < key.length() && Character.isLowSurrogate(key.charAt(index + 1));
		}
		return index > 0 && Character.isHighSurrogate(key.charAt(index - 1));
	}

	private static ApiException invalid(String key, String rule) {
		String shown = (key.length() > 80) ? key.substring(0, 80) + "..." : key;
		return ApiException.badRequest("storage.invalid_key",
				"The object key " + rule + "; got '" + shown.replaceAll("\\p{Cntrl}", "?") + "'.");
	}

}
