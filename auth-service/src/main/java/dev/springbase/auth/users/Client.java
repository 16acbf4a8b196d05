package dev.springbase.auth.users;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

import dev.springbase.auth.protection.ClientAddress;

/** Where a sign-in comes from: throttled per address, shown in the session list. */
record Client(String address, @Nullable String userAgent) {

	static Client of(HttpServletRequest request) {
		return new Client(ClientAddress.of(request), request.getHeader(HttpHeaders.USER_AGENT));
	}

}
