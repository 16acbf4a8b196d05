package dev.springbase.auth.signingkeys;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.auth.config.AuthProperties;
import dev.springbase.platform.crypto.MasterKey;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.platform.security.PlatformSecurityProperties;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

/**
 * Owns the RSA signing keys. The signer and the verifying keys are cached in memory and
 * looked up again in the database after {@code refreshInterval}, so an instance notices a
 * rotation made by another one; a token with an unknown kid also triggers a look-up.
 */
@Service
class SigningKeyService {

	private static final Logger log = LoggerFactory.getLogger(SigningKeyService.class);

	/**
	 * Floor between two look-ups forced by unknown kids, so junk tokens cannot flood the
	 * database.
	 */
	private static final Duration MIN_FORCED_REFRESH = Duration.ofSeconds(1);

	private final SigningKeyRepository repository;

	private final MasterKey masterKey;

	private final TransactionTemplate transactions;

	private final Duration refreshInterval;

	private final Duration verificationWindow;

	private volatile @Nullable Signer signer;

	private volatile @Nullable VerifyingKeys verifying;

	SigningKeyService(SigningKeyRepository repository, MasterKey masterKey, TransactionTemplate transactions,
			AuthProperties properties, PlatformSecurityProperties security) {
		this.repository = repository;
		this.masterKey = masterKey;
		this.transactions = transactions;
		this.refreshInterval = properties.signingKeys().refreshInterval();
		// Verifiers accept a token until exp + clock skew, so its key must stay published
		// that long.
		this.verificationWindow = properties.tokens().longest().plus(security.clockSkew());
	}

	/** The key that signs new tokens; the first one is made when there is none. */
	Signer signer() {
		Signer current = this.signer;
		Instant now = Instant.now();
		if (current != null && current.checkedAt().plus(this.refreshInterval).isAfter(now)) {
			return current;
		}
		StoredSigningKey active = this.repository.findActive().orElseGet(this::createFirstKey);
		Signer fresh = (current != null && current.kid().equals(active.kid())) ? current.checkedAt(now)
				: toSigner(active, now);
		this.signer = fresh;
		return fresh;
	}

	/** Retires the signer and makes a new key the signer. */
	SigningKeyView rotate() {
		StoredSigningKey created = this.transactions.execute((status) -> {
			this.repository.lockForChange();
			Instant now = Timestamps.now();
			this.repository.retireActive(now);
			StoredSigningKey key = newKey(now);
			this.repository.insert(key);
			return key;
		});
		this.signer = toSigner(created, Instant.now());
		this.verifying = null;
		log.info("Rotated signing keys; {} signs from now on", created.kid());
		return SigningKeyView.of(created);
	}

	CursorPage<SigningKeyView> list(PageRequest page) {
		return CursorPage.of(this.repository.page(page), page.limit(), (key) -> key.kid()).map(SigningKeyView::of);
	}

	/** Public keys of every key whose tokens may still be presented. */
	JWKSet publicKeys() {
		return new JWKSet(verifyingKeys(false));
	}

	/** The verifying keys a decoder asks for; an unknown kid forces a fresh look. */
	List<JWK> select(JWKSelector selector) {
		List<JWK> found = selector.select(new JWKSet(verifyingKeys(false)));
		return found.isEmpty() ? selector.select(new JWKSet(verifyingKeys(true))) : found;
	}

	private List<JWK> verifyingKeys(boolean force) {
		Instant now = Instant.now();
		VerifyingKeys current = this.verifying;
		boolean stale = current == null || current.loadedAt().plus(this.refreshInterval).isBefore(now)
				|| (force && current.loadedAt().plus(MIN_FORCED_REFRESH).isBefore(now));
		if (stale) {
			// Parsed once per look-up, not for every token verified.
			List<VerifyingKey> keys = this.repository.findVerifying(now.minus(this.verificationWindow))
				.stream()
				.map((stored) -> new VerifyingKey(stored, publicJwk(stored)))
				.toList();
			current = new VerifyingKeys(keys, now);
			this.verifying = current;
		}
		return current.keys()
			.stream()
			.filter((key) -> key.stored().verifiesAt(now, this.verificationWindow))
			.map(VerifyingKey::jwk)
			.toList();
	}

	private StoredSigningKey createFirstKey() {
		return this.transactions.execute((status) -> {
			this.repository.lockForChange();
			return this.repository.findActive().orElseGet(() -> {
				StoredSigningKey key = newKey(Timestamps.now());
				this.repository.insert(key);
				log.info("Created the first signing key {}", key.kid());
				return key;
			});
		});
	}

	private StoredSigningKey newKey(Instant now) {
		String kid = Ids.newId().toString();
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
			byte[] ciphertext = this.masterKey.encrypt(key.toJSONString().getBytes(StandardCharsets.UTF_8), kid);
			return new StoredSigningKey(kid, key.toPublicJWK().toJSONString(), ciphertext, now, null);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate an RSA signing key", ex);
		}
	}

	private Signer toSigner(StoredSigningKey stored, Instant checkedAt) {
		String json = new String(this.masterKey.decrypt(stored.privateJwkCiphertext(), stored.kid(),
				"private signing key " + stored.kid()), StandardCharsets.UTF_8);
		try {
			return new Signer(stored.kid(), new RSASSASigner(RSAKey.parse(json)), checkedAt);
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalStateException("Signing key " + stored.kid() + " is not a usable RSA JWK", ex);
		}
	}

	private static JWK publicJwk(StoredSigningKey stored) {
		try {
			return JWK.parse(stored.publicJwk());
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Stored public key " + stored.kid() + " is not a JWK", ex);
		}
	}

	/** The cached signer and when the database last confirmed it is the active one. */
	record Signer(String kid, JWSSigner jwsSigner, Instant checkedAt) {

		Signer checkedAt(Instant when) {
			return new Signer(this.kid, this.jwsSigner, when);
		}

	}

	private record VerifyingKey(StoredSigningKey stored, JWK jwk) {

	}

	private record VerifyingKeys(List<VerifyingKey> keys, Instant loadedAt) {

	}

}
