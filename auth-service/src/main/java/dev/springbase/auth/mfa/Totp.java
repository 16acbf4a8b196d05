package dev.springbase.auth.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

/**
 * TOTP as authenticator apps expect it (RFC 6238 defaults: HMAC-SHA1, six digits, 30 s
 * steps), with one step of tolerance either way for clock drift.
 */
final class Totp {

	private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator();

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final long STEP_SECONDS = GENERATOR.getTimeStep().toSeconds();

	private Totp() {
	}

	/** 160 random bits, the HMAC-SHA1 key size RFC 4226 recommends. */
	static byte[] newSecret() {
		byte[] secret = new byte[20];
		RANDOM.nextBytes(secret);
		return secret;
	}

	static String base32(byte[] secret) {
		return new Base32().encodeToString(secret).replace("=", "");
	}

	/** The URI authenticator apps read from a QR code. */
	static String uri(String issuer, String account, byte[] secret) {
		String label = encode(issuer) + ":" + encode(account);
		return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
				+ "&algorithm=SHA1&digits=6&period=" + STEP_SECONDS;
	}

	/**
	 * The time step whose code matches, later than {@code lastUsedStep} so a code works
	 * once; -1 when none does. Every candidate is compared, in constant time.
	 */
	static long matchingStep(byte[] secret, String code, Instant now, long lastUsedStep) {
		long current = now.getEpochSecond() / STEP_SECONDS;
		long matched = -1;
		for (long step = current - 1; step <= current + 1; step++) {
			boolean equal = MessageDigest.isEqual(codeAt(secret, step).getBytes(StandardCharsets.US_ASCII),
					code.getBytes(StandardCharsets.US_ASCII));
			if (equal && step > lastUsedStep) {
				matched = step;
			}
		}
		return matched;
	}

	private static String codeAt(byte[] secret, long step) {
		try {
			return GENERATOR.generateOneTimePasswordString(new SecretKeySpec(secret, "HmacSHA1"),
					Instant.ofEpochSecond(step * STEP_SECONDS));
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException("A TOTP secret is not a usable HMAC key", ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
