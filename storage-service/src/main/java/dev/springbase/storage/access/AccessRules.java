package dev.springbase.storage.access;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

import dev.springbase.platform.errors.ApiException;

/**
 * What signed-in end users may do in a bucket, kept as data on the bucket. Admins (secret
 * key, console owner or developer) may do everything; a publishable key alone reads
 * public buckets only.
 *
 * @param authenticatedRead which objects signed-in users may read (public buckets can be
 * read by anyone)
 * @param authenticatedWrite which objects signed-in users may upload, replace and delete
 */
public record AccessRules(Scope authenticatedRead, Scope authenticatedWrite) {

	/** By default a user reads and writes under the prefix of their own user id. */
	public static final AccessRules DEFAULT = new AccessRules(Scope.OWN, Scope.OWN);

	/** Which objects a rule covers. */
	public enum Scope {

		/** No object. */
		NONE,

		/** Objects whose key starts with {@code <user id>/}. */
		OWN,

		/** Every object of the bucket. */
		ALL;

		@JsonValue
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

		@JsonCreator
		public static Scope of(String value) {
			return Arrays.stream(values())
				.filter((scope) -> scope.value().equals(value))
				.findFirst()
				.orElseThrow(() -> ApiException.badRequest("storage.invalid_access_rule",
						"An access scope is one of none, own or all; not '" + value + "'."));
		}

		boolean covers(@Nullable String userId, String key) {
			return switch (this) {
				case NONE -> false;
				case ALL -> true;
				case OWN -> userId != null && key.startsWith(userId + "/");
			};
		}

		/**
		 * Whether every key under the prefix is covered, for listing.
		 */
		boolean coversPrefix(@Nullable String userId, String prefix) {
			return switch (this) {
				case NONE -> false;
				case ALL -> true;
				case OWN -> userId != null && prefix.startsWith(userId + "/");
			};
		}

	}

}
