package dev.springbase.auth.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.auth.config.AuthProperties;
import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.auth.settings.AuthSettingsService;
import dev.springbase.auth.signingkeys.TokenIssuer;
import dev.springbase.auth.signingkeys.TokenIssuer.IssuedToken;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.security.PlatformClaims;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

/**
 * Starts sessions and keeps them going. Each session is a family of refresh tokens of
 * which only the newest is live; using an older one again means the family leaked, and
 * the whole session is revoked (OAuth 2.0 Security BCP, RFC 9700 section 4.14.2).
 */
@Service
public class SessionService {

	private static final Logger log = LoggerFactory.getLogger(SessionService.class);

	static final String AAL1 = "aal1";

	/** Assurance level after a second factor. */
	public static final String AAL2 = "aal2";

	private final SessionRepository sessions;

	private final TokenIssuer issuer;

	private final TransactionTemplate transactions;

	private final AuthSettingsService settings;

	private final Duration accessTtl;

	private final Duration inactivityTimeout;

	private final Duration reuseGrace;

	SessionService(SessionRepository sessions, TokenIssuer issuer, TransactionTemplate transactions,
			AuthSettingsService settings, AuthProperties properties) {
		this.sessions = sessions;
		this.issuer = issuer;
		this.transactions = transactions;
		this.settings = settings;
		this.accessTtl = properties.tokens().userTtl();
		this.inactivityTimeout = properties.sessions().inactivityTimeout();
		this.reuseGrace = properties.sessions().reuseGrace();
	}

	/** Starts a session for a user who just proved who they are. */
	@Transactional
	public SessionTokens start(SessionUser user, @Nullable String userAgent, @Nullable String ipAddress) {
		Instant now = Timestamps.now();
		Session session = new Session(Ids.newId(), user.projectId(), user.id(), AAL1, truncate(userAgent), ipAddress,
				now, now, null);
		this.sessions.insert(session);
		return issue(session, user, now);
	}

	/**
	 * Exchanges a refresh token for new tokens. A token used before revokes its session,
	 * unless it was used a moment ago by a request racing this one.
	 * @param users looks the session's user up, in the refresh's transaction; the answer
	 * hands back what it found, so that the caller need not read the user again
	 */
	public <U extends SessionUser> Refreshed<U> refresh(UUID projectId, String refreshToken,
			Function<UUID, Optional<U>> users) {
		byte[] hash = RefreshTokens.hash(refreshToken);
		Outcome<U> outcome = this.transactions.execute((status) -> {
			Instant now = Timestamps.now();
			Optional<UUID> rotated = this.sessions.rotate(hash, now);
			if (rotated.isEmpty()) {
				return reuse(projectId, hash, now);
			}
			Outcome<U> result = continueSession(projectId, rotated.get(), users, now);
			if (result.refreshed() == null) {
				status.setRollbackOnly();
			}
			return result;
		});
		if (outcome.refreshed() == null) {
			throw outcome.failure();
		}
		return outcome.refreshed();
	}

	private <U extends SessionUser> Outcome<U> continueSession(UUID projectId, UUID sessionId,
			Function<UUID, Optional<U>> users, Instant now) {
		Session session = this.sessions.find(sessionId).orElseThrow();
		if (!session.projectId().equals(projectId) || session.revokedAt() != null
				|| session.refreshedAt().plus(this.inactivityTimeout).isBefore(now)) {
			return Outcome.failed(SessionException.invalidRefreshToken());
		}
		Optional<U> user = users.apply(session.userId());
		if (user.isEmpty()) {
			return Outcome.failed(SessionException.invalidRefreshToken());
		}
		if (user.get().bannedAt(now)) {
			return Outcome.failed(SessionException.banned());
		}
		this.sessions.touch(sessionId, now);
		return Outcome.succeeded(new Refreshed<>(issue(session, user.get(), now), user.get()));
	}

	private <U extends SessionUser> Outcome<U> reuse(UUID projectId, byte[] hash, Instant now) {
		Optional<SessionRepository.UsedToken> used = this.sessions.findToken(hash);
		if (used.isEmpty() || used.get().rotatedAt() == null || !used.get().projectId().equals(projectId)) {
			return Outcome.failed(SessionException.invalidRefreshToken());
		}
		SessionRepository.UsedToken token = used.get();
		if (token.latest() && token.rotatedAt().plus(this.reuseGrace).isAfter(now)) {
			return Outcome.failed(SessionException.alreadyUsed());
		}
		if (this.sessions.revoke(token.sessionId(), now, "refresh_token_reused") > 0) {
			log.warn("Refresh token of session {} used twice; revoked the session", token.sessionId());
		}
		return Outcome.failed(SessionException.reused());
	}

	/** Signs the caller out of its session, every other one, or all of them. */
	@Transactional
	public void signOut(Caller caller, Scope scope) {
		SignedInUser user = SignedInUser.of(caller);
		Instant now = Timestamps.now();
		switch (scope) {
			case LOCAL -> this.sessions.revoke(user.sessionId(), now, "signed_out");
			case OTHERS -> this.sessions.revokeAll(user.userId(), user.sessionId(), now, "signed_out");
			case GLOBAL -> this.sessions.revokeAll(user.userId(), null, now, "signed_out");
		}
	}

	/**
	 * Raises the caller's session to {@code aal2} after a second factor and issues new
	 * tokens for it; the session's previous refresh token is retired.
	 */
	@Transactional
	public SessionTokens raiseToAal2(SignedInUser signedIn, SessionUser user) {
		Session session = this.sessions.find(signedIn.sessionId()).orElseThrow(SessionException::revoked);
		Instant now = Timestamps.now();
		this.sessions.raiseAal(session.id(), AAL2);
		this.sessions.retireLiveToken(session.id(), now);
		this.sessions.touch(session.id(), now);
		return issue(new Session(session.id(), session.projectId(), session.userId(), AAL2, session.userAgent(),
				session.ipAddress(), session.createdAt(), now, session.revokedAt()), user, now);
	}

	/** Revokes every session of a user (admin action, ban, password reset). */
	@Transactional
	public void revokeAll(UUID userId, String reason) {
		this.sessions.revokeAll(userId, null, Timestamps.now(), reason);
	}

	/**
	 * The signed-in user behind an access token whose session is still live: a token of a
	 * signed-out session may not manage the account, even before it expires. Where the
	 * project requires multi-factor sign-in, the token must show the second factor.
	 */
	@Transactional(readOnly = true)
	public SignedInUser requireLive(Caller caller) {
		SignedInUser user = requireLiveAnyLevel(caller);
		if (this.settings.of(user.projectId()).mfaRequired()
				&& !AAL2.equals(caller.token().getClaimAsString(UserClaims.AAL))) {
			throw SessionException.mfaRequired();
		}
		return user;
	}

	/**
	 * Like {@link #requireLive} but content with one factor: for enrolling and passing
	 * the second factor, and for signing out.
	 */
	@Transactional(readOnly = true)
	public SignedInUser requireLiveAnyLevel(Caller caller) {
		SignedInUser user = SignedInUser.of(caller);
		Session session = this.sessions.find(user.sessionId())
			.filter((found) -> found.userId().equals(user.userId()))
			.orElseThrow(SessionException::revoked);
		if (session.revokedAt() != null) {
			throw SessionException.revoked();
		}
		return user;
	}

	@Transactional(readOnly = true)
	CursorPage<SessionView> list(Caller caller, PageRequest page) {
		SignedInUser user = requireLive(caller);
		Instant activeSince = Timestamps.now().minus(this.inactivityTimeout);
		return CursorPage
			.of(this.sessions.pageLive(user.userId(), activeSince, page), page.limit(),
					(session) -> PageRequest.cursorOf(session.id()))
			.map((session) -> SessionView.of(session, user.sessionId()));
	}

	@Transactional
	void revoke(Caller caller, UUID sessionId) {
		SignedInUser user = requireLive(caller);
		Session session = this.sessions.find(sessionId)
			.filter((found) -> found.userId().equals(user.userId()))
			.orElseThrow(() -> SessionException.notFound(sessionId));
		this.sessions.revoke(session.id(), Timestamps.now(), "revoked_by_user");
	}

	private SessionTokens issue(Session session, SessionUser user, Instant now) {
		String refreshToken = RefreshTokens.generate();
		this.sessions.insertToken(RefreshTokens.hash(refreshToken), session.id(), now);
		Map<String, Object> claims = new HashMap<>();
		claims.put(PlatformClaims.KIND, Caller.Kind.USER.claimValue());
		claims.put(PlatformClaims.PROJECT, user.projectId().toString());
		claims.put(PlatformClaims.ROLE, Caller.ROLE_AUTHENTICATED);
		claims.put(UserClaims.SESSION_ID, session.id().toString());
		claims.put(UserClaims.AAL, session.aal());
		claims.put(UserClaims.IS_ANONYMOUS, user.anonymous());
		claims.put(UserClaims.APP_METADATA, user.appMetadata());
		if (user.email() != null) {
			claims.put(UserClaims.EMAIL, user.email());
		}
		IssuedToken access = this.issuer.issue(user.id().toString(), claims, this.accessTtl);
		return new SessionTokens(access.value(), access.expiresAt(), this.accessTtl.toSeconds(), refreshToken,
				session.id(), user.id());
	}

	private static @Nullable String truncate(@Nullable String userAgent) {
		return (userAgent != null && userAgent.length() > 500) ? userAgent.substring(0, 500) : userAgent;
	}

	/** Which sessions signing out ends (as in GoTrue's {@code scope}). */
	public enum Scope {

		/** The caller's own session. */
		LOCAL,

		/** Every session of the user but the caller's. */
		OTHERS,

		/** Every session of the user. */
		GLOBAL

	}

	private record Outcome<U extends SessionUser>(@Nullable Refreshed<U> refreshed,
			@Nullable SessionException failure) {

		static <U extends SessionUser> Outcome<U> succeeded(Refreshed<U> refreshed) {
			return new Outcome<>(refreshed, null);
		}

		static <U extends SessionUser> Outcome<U> failed(SessionException failure) {
			return new Outcome<>(null, failure);
		}

	}

}
