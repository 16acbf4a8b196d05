package dev.springbase.auth.config;

import java.net.URI;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code Location} headers for created resources. */
public final class Locations {

	private Locations() {
	}

	/**
	 * The current request's path plus the new id, without scheme and host: behind the
	 * gateway the host this service sees is not the one the client called.
	 */
	public static URI child(Object id) {
		return URI.create(ServletUriComponentsBuilder.fromCurrentRequestUri()
			.replaceQuery(null)
			.path("/{id}")
			.buildAndExpand(id)
			.toUri()
			.getRawPath());
	}

}
