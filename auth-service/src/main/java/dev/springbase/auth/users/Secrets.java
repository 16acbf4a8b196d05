package dev.springbase.auth.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random link tokens and codes for mails, and their hashes. */
final class Secrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int CODE_DIGITS = 6;

	private Secrets() {
	}

	/** 256 random bits, URL-safe. */
	static String linkToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** A six-digit code; throttling, not its length, keeps guessing it hopeless. */
	static String code() {
		return String.format("%0" + CODE_DIGITS + "d", RANDOM.nextInt((int) Math.pow(10, CODE_DIGITS)));
	}

	static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
