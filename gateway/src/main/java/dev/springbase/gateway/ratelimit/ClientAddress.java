package dev.springbase.gateway.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.StringUtils;

/**
 * The address a request comes from: the socket's peer, or, behind a trusted proxy, the
 * last address in {@code X-Forwarded-For}. The last entry is the one that proxy appended;
 * entries before it come from the client and can be forged.
 */
public final class ClientAddress {

	private final boolean trustForwardedHeaders;

	ClientAddress(boolean trustForwardedHeaders) {
		this.trustForwardedHeaders = trustForwardedHeaders;
	}

	public String of(HttpServletRequest request) {
		if (this.trustForwardedHeaders) {
			String forwarded = request.getHeader("X-Forwarded-For");
			if (StringUtils.hasText(forwarded)) {
				String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
				if (!last.isEmpty()) {
					return last;
				}
			}
		}
		return request.getRemoteAddr();
	}

}
