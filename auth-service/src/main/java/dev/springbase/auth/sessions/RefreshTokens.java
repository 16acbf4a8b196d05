package dev.springbase.auth.sessions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque refresh tokens: 256 random bits, kept only as a SHA-256 hash. With that much
 * entropy a fast hash is as safe as a slow one, and a token is found by one index lookup
 * of its hash, which leaks nothing through timing.
 */
final class RefreshTokens {

	private static final String PREFIX = "sbr_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private RefreshTokens() {
	}

	static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
