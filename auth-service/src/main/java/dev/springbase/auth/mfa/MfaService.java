package dev.springbase.auth.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.auth.config.AuthProperties;
import dev.springbase.auth.protection.AttemptThrottle.Action;
import dev.springbase.auth.protection.AttemptThrottle.Subject;
import dev.springbase.auth.protection.AttemptThrottle;
import dev.springbase.auth.sessions.SessionService;
import dev.springbase.auth.sessions.SessionTokens;
import dev.springbase.auth.sessions.SessionUser;
import dev.springbase.auth.sessions.SessionUsers;
import dev.springbase.auth.sessions.SignedInUser;
import dev.springbase.auth.sessions.UserClaims;
import dev.springbase.platform.crypto.MasterKey;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.platform.security.Caller;

/**
 * TOTP factors of signed-in users. A first verified code makes the factor usable and
 * yields recovery codes; every verified code raises the session to {@code aal2}. Code
 * guesses are throttled per user and per address like passwords.
 */
@Service
class MfaService {

	private static final int RECOVERY_CODES = 10;

	private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final MfaRepository factors;

	private final SessionService sessions;

	private final SessionUsers users;

	private final MasterKey masterKey;

	private final AttemptThrottle throttle;

	private final TransactionTemplate transactions;

	private final String issuer;

	MfaService(MfaRepository factors, SessionService sessions, SessionUsers users, MasterKey masterKey,
			AttemptThrottle throttle, TransactionTemplate transactions, AuthProperties properties) {
		this.factors = factors;
		this.sessions = sessions;
		this.users = users;
		this.masterKey = masterKey;
		this.throttle = throttle;
		this.transactions = transactions;
		this.issuer = properties.mfa().issuer();
	}

	/** A new, not yet verified factor; the secret is shown this once. */
	@Transactional
	Enrolment enrol(Caller caller, @Nullable String friendlyName) {
		SignedInUser signedIn = this.sessions.requireLiveAnyLevel(caller);
		SessionUser user = this.users.find(signedIn.userId()).orElseThrow();
		byte[] secret = Totp.newSecret();
		UUID id = Ids.newId();
		Factor factor = new Factor(id, signedIn.projectId(), signedIn.userId(), friendlyName,
				this.masterKey.encrypt(secret, id.toString()), null, -1, Timestamps.now());
		this.factors.insert(factor);
		String account = Objects.requireNonNullElse(user.email(), user.id().toString());
		return new Enrolment(FactorView.of(factor), Totp.base32(secret), Totp.uri(this.issuer, account, secret));
	}

	@Transactional(readOnly = true)
	List<FactorView> list(Caller caller) {
		SignedInUser signedIn = this.sessions.requireLiveAnyLevel(caller);
		return this.factors.list(signedIn.userId()).stream().map(FactorView::of).toList();
	}

	/**
	 * Checks a code of the factor and raises the session to {@code aal2}. The first
	 * verified code of a user's first factor also returns fresh recovery codes.
	 */
	Verified verify(Caller caller, UUID factorId, String code, String clientAddress) {
		SignedInUser signedIn = this.sessions.requireLiveAnyLevel(caller);
		Subject subject = this.throttle.check(this.throttle.subject(Action.VERIFY_CODE, signedIn.projectId(),
				"mfa:" + signedIn.userId(), clientAddress));
		Verified verified = this.transactions.execute((status) -> {
			Factor factor = this.factors.findForUpdate(signedIn.userId(), factorId)
				.orElseThrow(() -> MfaException.notFound(factorId));
			byte[] secret = this.masterKey.decrypt(factor.secretCiphertext(), factor.id().toString(),
					"TOTP secret of factor " + factor.id());
			Instant now = Timestamps.now();
			long step = Totp.matchingStep(secret, code.strip(), now, factor.lastUsedStep());
			if (step < 0) {
				return null;
			}
			boolean firstFactor = factor.verifiedAt() == null
					&& this.factors.list(signedIn.userId()).stream().noneMatch((other) -> other.verifiedAt() != null);
			this.factors.markUsed(factor.id(), step, now);
			List<String> recoveryCodes = firstFactor ? newRecoveryCodes(signedIn.userId()) : List.of();
			return new Verified(raise(signedIn), recoveryCodes);
		});
		if (verified == null) {
			this.throttle.failed(subject);
			throw MfaException.codeInvalid();
		}
		this.throttle.succeeded(subject);
		return verified;
	}

	/** Spends a recovery code instead of a TOTP code, for a lost authenticator. */
	SessionTokens recover(Caller caller, String recoveryCode, String clientAddress) {
		SignedInUser signedIn = this.sessions.requireLiveAnyLevel(caller);
		Subject subject = this.throttle.check(this.throttle.subject(Action.VERIFY_CODE, signedIn.projectId(),
				"mfa:" + signedIn.userId(), clientAddress));
		SessionTokens tokens = this.transactions.execute((status) -> {
			if (!this.factors.useRecoveryCode(signedIn.userId(), hash(recoveryCode), Timestamps.now())) {
				return null;
			}
			return raise(signedIn);
		});
		if (tokens == null) {
			this.throttle.failed(subject);
			throw MfaException.recoveryCodeInvalid();
		}
		this.throttle.succeeded(subject);
		return tokens;
	}

	/** New recovery codes replace the old ones; needs a session that passed MFA. */
	@Transactional
	List<String> regenerateRecoveryCodes(Caller caller) {
		SignedInUser signedIn = requireAal2(caller);
		if (this.factors.list(signedIn.userId()).stream().noneMatch((factor) -> factor.verifiedAt() != null)) {
			throw MfaException.noVerifiedFactor();
		}
		return newRecoveryCodes(signedIn.userId());
	}

	/** Removing a factor needs a session that passed MFA, so a stolen password cannot. */
	@Transactional
	void delete(Caller caller, UUID factorId) {
		SignedInUser signedIn = requireAal2(caller);
		if (!this.factors.delete(signedIn.userId(), factorId)) {
			throw MfaException.notFound(factorId);
		}
	}

	private SignedInUser requireAal2(Caller caller) {
		SignedInUser signedIn = this.sessions.requireLiveAnyLevel(caller);
		if (!SessionService.AAL2.equals(caller.token().getClaimAsString(UserClaims.AAL))) {
			throw MfaException.aal2Required();
		}
		return signedIn;
	}

	private SessionTokens raise(SignedInUser signedIn) {
		return this.sessions.raiseToAal2(signedIn, this.users.find(signedIn.userId()).orElseThrow());
	}

	private List<String> newRecoveryCodes(UUID userId) {
		List<String> codes = new ArrayList<>();
		List<byte[]> hashes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			StringBuilder code = new StringBuilder();
			for (int c = 0; c < 10; c++) {
				code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
				if (c == 4) {
					code.append('-');
				}
			}
			codes.add(code.toString());
			hashes.add(hash(code.toString()));
		}
		this.factors.replaceRecoveryCodes(userId, hashes);
		return codes;
	}

	private static byte[] hash(String recoveryCode) {
		try {
			return MessageDigest.getInstance("SHA-256")
				.digest(recoveryCode.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/** A new factor with what an authenticator app needs, shown once. */
	record Enrolment(FactorView factor, String secret, String uri) {

	}

	/** New tokens at {@code aal2}, and recovery codes the first time (else empty). */
	record Verified(SessionTokens tokens, List<String> recoveryCodes) {

	}

}
