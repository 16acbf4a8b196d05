package dev.springbase.auth.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Makes keys and their lookup hashes. Keys carry 40 random base62 characters (about 238
 * bits), so a plain SHA-256 is the right hash: there is nothing to brute-force, and a
 * fast hash lets every request be looked up by an index.
 */
final class ApiKeySecrets {

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	static final int RANDOM_LENGTH = 40;

	static final int PREFIX_LENGTH = 8;

	private static final SecureRandom RANDOM = new SecureRandom();

	private ApiKeySecrets() {
	}

	/** The random part of a new key. */
	static String randomPart() {
		StringBuilder random = new StringBuilder(RANDOM_LENGTH);
		for (int i = 0; i < RANDOM_LENGTH; i++) {
			random.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
		}
		return random.toString();
	}

	static byte[] hash(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
