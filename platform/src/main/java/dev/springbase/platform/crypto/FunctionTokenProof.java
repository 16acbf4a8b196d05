package dev.springbase.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * What the functions service shows the auth service to get a token for one of its
 * functions: the project, the function and the time, encrypted with the master key both
 * services load. Only a holder of that key can make one, and the auth service, which
 * decrypts it, accepts it for a short while only. Anyone able to replay one within that
 * time could as well read the token it is answered with, so it need not be single-use.
 *
 * @param projectId the project the token is for
 * @param functionId the function the token is for
 * @param issuedAt when the proof was made
 */
public record FunctionTokenProof(UUID projectId, UUID functionId, Instant issuedAt) {

	/** How old (or, with skewed clocks, how far ahead) a proof may be. */
	public static final Duration MAX_AGE = Duration.ofSeconds(60);

	/**
	 * Associated data of the encryption, so no other ciphertext made with the master key
	 * (a stored secret, say) passes as a proof.
	 */
	private static final String PURPOSE = "springbase.function-token-proof";

	private static final String VERSION = "v1";

	/** The proof as it travels: URL-safe base64 of the ciphertext. */
	public String seal(MasterKey key) {
		String statement = String.join("\n", VERSION, this.projectId.toString(), this.functionId.toString(),
				Long.toString(this.issuedAt.toEpochMilli()));
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(key.encrypt(statement.getBytes(StandardCharsets.UTF_8), PURPOSE));
	}

	/**
	 * The proof in {@code sealed}; empty when it was not made with this key or is not a
	 * proof at all.
	 */
	public static Optional<FunctionTokenProof> open(MasterKey key, String sealed) {
		byte[] ciphertext;
		try {
			ciphertext = Base64.getUrlDecoder().decode(sealed.strip());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		return key.decryptIfAuthentic(ciphertext, PURPOSE).flatMap(FunctionTokenProof::parse);
	}

	/** Whether the proof was made within {@link #MAX_AGE} of {@code now}, either way. */
	public boolean isFreshAt(Instant now) {
		return !this.issuedAt.isBefore(now.minus(MAX_AGE)) && !this.issuedAt.isAfter(now.plus(MAX_AGE));
	}

	private static Optional<FunctionTokenProof> parse(byte[] plaintext) {
		String[] parts = new String(plaintext, StandardCharsets.UTF_8).split("\n", -1);
		if (parts.length != 4 || !VERSION.equals(parts[0])) {
			return Optional.empty();
		}
		try {
			return Optional.of(new FunctionTokenProof(UUID.fromString(parts[1]), UUID.fromString(parts[2]),
					Instant.ofEpochMilli(Long.parseLong(parts[3]))));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
