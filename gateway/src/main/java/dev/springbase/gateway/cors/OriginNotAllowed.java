package dev.springbase.gateway.cors;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** A browser origin that the project (or, for a preflight, every project) refuses. */
public class OriginNotAllowed extends ApiException {

	private static final String CODE = "gateway.origin_not_allowed";

	private OriginNotAllowed(String detail) {
		super(HttpStatus.FORBIDDEN, CODE, detail);
	}

	public static OriginNotAllowed forProject(String origin) {
		return new OriginNotAllowed("The origin " + origin
				+ " is not allowed for this API key's project. Add it to the project's allowed origins in the console.");
	}

	public static OriginNotAllowed forAnyProject(String origin) {
		return new OriginNotAllowed("No project allows the origin " + origin
				+ ". Add it to your project's allowed origins in the console.");
	}

}
