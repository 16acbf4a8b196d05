package dev.springbase.auth.protection;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.StringUtils;

/**
 * The address of the client a request comes from. Services listen on a private address
 * behind the gateway, which replaces any {@code X-Forwarded-For} a client sent with the
 * address it saw, so the header is the client's; without the gateway, the peer is.
 */
public final class ClientAddress {

	private static final String FORWARDED_FOR = "X-Forwarded-For";

	private ClientAddress() {
	}

	public static String of(HttpServletRequest request) {
		String forwarded = request.getHeader(FORWARDED_FOR);
		if (StringUtils.hasText(forwarded)) {
			int comma = forwarded.indexOf(',');
			return ((comma >= 0) ? forwarded.substring(0, comma) : forwarded).strip();
		}
		return request.getRemoteAddr();
	}

}
