package dev.springbase.storage.buckets;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.springbase.storage.access.AccessRules;

/**
 * A bucket of one project.
 *
 * @param maxObjectSize the largest object it takes, below the service-wide limit; none
 * when absent
 * @param allowedMimeTypes the types it takes ({@code image/png}, {@code image/*}); every
 * type when empty
 */
public record Bucket(UUID id, UUID projectId, String name, boolean isPublic, @Nullable Long maxObjectSize,
		List<String> allowedMimeTypes, AccessRules accessRules, Instant createdAt, Instant updatedAt) {

	public Bucket {
		allowedMimeTypes = List.copyOf(allowedMimeTypes);
	}

	/** The largest object this bucket takes, given the service-wide limit. */
	public long sizeLimit(long serviceLimit) {
		return (this.maxObjectSize != null) ? Math.min(this.maxObjectSize, serviceLimit) : serviceLimit;
	}

	/**
	 * Whether a sniffed type may be stored; {@code image/*} matches every image type.
	 */
	public boolean allowsType(String contentType) {
		if (this.allowedMimeTypes.isEmpty()) {
			return true;
		}
		String type = contentType.toLowerCase(Locale.ROOT);
		int parameters = type.indexOf(';');
		String bare = (parameters >= 0) ? type.substring(0, parameters).strip() : type;
		return this.allowedMimeTypes.stream().anyMatch((allowed) -> matches(allowed, bare));
	}

	private static boolean matches(String allowed, String type) {
		if (allowed.equals("*/*") || allowed.equals(type)) {
			return true;
		}
		return allowed.endsWith("/*") && type.startsWith(allowed.substring(0, allowed.length() - 1));
	}

}
