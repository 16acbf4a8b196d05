package dev.springbase.storage.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.storage.config.StorageProperties;

/**
 * Tokens of signed URLs: the grant (project, bucket, key, method, expiry) in clear,
 * followed by its HMAC-SHA256 under the configured secret. A token is valid only for the
 * object and method it names, until it expires; any change to it breaks the MAC.
 */
@Component
class SignedUrls {

	private static final Logger log = LoggerFactory.getLogger(SignedUrls.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecretKeySpec key;

	private final Clock clock;

	SignedUrls(StorageProperties properties, Clock clock) {
		byte[] secret = properties.signing().secret().getBytes(StandardCharsets.UTF_8);
		if (secret.length == 0) {
			log.warn("springbase.storage.signing.secret is not set: signed URLs use a random key and stop "
					+ "working when this instance restarts; set SPRINGBASE_STORAGE_SIGNING_SECRET to share one");
			secret = new byte[32];
			new SecureRandom().nextBytes(secret);
		}
		this.key = new SecretKeySpec(secret, "HmacSHA256");
		this.clock = clock;
	}

	/** What a signed URL allows. {@code owner} is who uploads count as, if anyone. */
	record Grant(UUID project, String bucket, String key, String method, long expiresAt, boolean upsert,
			@Nullable String owner) {

	}

	String sign(Grant grant) {
		String payload = ENCODER.encodeToString(JSON.writeValueAsBytes(grant));
		return payload + "." + ENCODER.encodeToString(mac(payload));
	}

	/**
	 * The grant of a token presented for this method, bucket and key.
	 * @throws ApiException {@code storage.signed_url_invalid} when the token was altered
	 * or names another object or method, {@code storage.signed_url_expired} once it
	 * expired
	 */
	Grant verify(@Nullable String token, String method, String bucket, String key) {
		if (token == null) {
			throw invalid();
		}
		int dot = token.indexOf('.');
		if (dot < 0) {
			throw invalid();
		}
		String payload = token.substring(0, dot);
		// Compared as text: the last base64 character carries spare bits that a decoder
		// ignores, so comparing decoded bytes would accept altered URLs.
		byte[] expected = ENCODER.encodeToString(mac(payload)).getBytes(StandardCharsets.US_ASCII);
		byte[] presented = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, presented)) {
			throw invalid();
		}
		Grant grant;
		try {
			grant = JSON.readValue(Base64.getUrlDecoder().decode(payload), Grant.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw invalid();
		}
		if (!grant.method().equals(method) || !grant.bucket().equals(bucket) || !grant.key().equals(key)) {
			throw invalid();
		}
		if (Instant.ofEpochSecond(grant.expiresAt()).isBefore(this.clock.instant())) {
			throw ApiException.forbidden("storage.signed_url_expired",
					"This signed URL has expired; ask for a new one.");
		}
		return grant;
	}

	Instant now() {
		return this.clock.instant();
	}

	private byte[] mac(String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ApiException invalid() {
		return ApiException.forbidden("storage.signed_url_invalid",
				"This signed URL is not valid for this object and method; it may have been altered.");
	}

}
