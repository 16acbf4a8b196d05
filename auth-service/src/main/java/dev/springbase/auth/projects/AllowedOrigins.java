package dev.springbase.auth.projects;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Browser origins a project accepts: {@code scheme://host[:port]} as browsers send them
 * in {@code Origin}, or {@code *}. Stored lower-cased and without duplicates, so that the
 * gateway can compare them as strings.
 */
final class AllowedOrigins {

	static final String ANY = "*";

	private AllowedOrigins() {
	}

	static List<String> normalize(@Nullable List<String> origins) {
		if (origins == null) {
			return List.of();
		}
		Set<String> normalized = new LinkedHashSet<>();
		origins.forEach((origin) -> normalized.add(normalizeOne(origin)));
		return List.copyOf(normalized);
	}

	private static String normalizeOne(String origin) {
		String value = origin.strip();
		if (ANY.equals(value)) {
			return ANY;
		}
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			throw ProjectException.invalidOrigin(origin);
		}
		boolean hasPath = uri.getRawPath() != null && !uri.getRawPath().isEmpty();
		if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null || hasPath
				|| uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw ProjectException.invalidOrigin(origin);
		}
		String normalized = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT);
		return (uri.getPort() != -1) ? normalized + ":" + uri.getPort() : normalized;
	}

}
