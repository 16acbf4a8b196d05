package dev.springbase.auth.users;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.auth.protection.AttemptThrottle;
import dev.springbase.auth.protection.AttemptThrottle.Action;
import dev.springbase.auth.protection.AttemptThrottle.Subject;
import dev.springbase.auth.sessions.Refreshed;
import dev.springbase.auth.sessions.SessionException;
import dev.springbase.auth.sessions.SessionService;
import dev.springbase.auth.sessions.SignedInUser;
import dev.springbase.auth.settings.AuthSettings;
import dev.springbase.auth.settings.AuthSettingsService;
import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.security.Caller;

/**
 * What end users do themselves: sign up, sign in, read and change their own record.
 * Password hashing runs outside any transaction, so a slow hash holds no connection.
 */
@Service
class UserService {

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy passwordPolicy;

	private final AuthSettingsService settings;

	private final SessionService sessions;

	private final UserSessions userSessions;

	private final EmailFlowService emailFlows;

	private final AttemptThrottle throttle;

	private final UserEvents events;

	private final TransactionTemplate transactions;

	/**
	 * Checked against when the email is unknown, so that a wrong email costs as much time
	 * as a wrong password and timing does not tell which users exist.
	 */
	private final String dummyHash;

	UserService(UserRepository users, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
			AuthSettingsService settings, SessionService sessions, UserSessions userSessions,
			EmailFlowService emailFlows, AttemptThrottle throttle, UserEvents events,
			TransactionTemplate transactions) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.passwordPolicy = passwordPolicy;
		this.settings = settings;
		this.sessions = sessions;
		this.userSessions = userSessions;
		this.emailFlows = emailFlows;
		this.throttle = throttle;
		this.events = events;
		this.transactions = transactions;
		this.dummyHash = passwordEncoder.encode(KeyGenerators.string().generateKey());
	}

	/**
	 * Signs up with email and password, or anonymously when both are absent. When the
	 * project requires confirmed emails the answer carries no session, and is the same
	 * whether the email was free or taken.
	 */
	SignUpResult signUp(Caller caller, @Nullable String email, @Nullable String password,
			Map<String, Object> userMetadata, Client client) {
		UUID projectId = caller.requireProject();
		if (email == null && password == null) {
			this.throttle.attempt(this.throttle.subject(Action.SIGN_UP, client.address()));
			Instant now = Timestamps.now();
			User user = new User(Ids.newId(), projectId, null, null, true, null, userMetadata, Map.of(), null, now, now,
					now);
			return new SignUpResult(inTransaction(() -> {
				this.users.insert(user);
				this.events.created(user);
				return this.userSessions.start(user, client);
			}), null);
		}
		if (email == null || password == null) {
			throw UserException.emailAndPasswordTogether();
		}
		String normalized = Emails.normalize(email);
		this.throttle.attempt(this.throttle.subject(Action.SIGN_UP, projectId, normalized, client.address()));
		AuthSettings projectSettings = this.settings.of(projectId);
		this.passwordPolicy.check(password, projectSettings, normalized);
		String hash = this.passwordEncoder.encode(password);
		Instant now = Timestamps.now();
		User user = new User(Ids.newId(), projectId, normalized, hash, false, null, userMetadata, Map.of(), null, null,
				now, now);
		return inTransaction(() -> {
			boolean created = this.users.insert(user);
			if (created) {
				this.events.created(user);
				this.emailFlows.issue(user, Purpose.SIGNUP, normalized);
			}
			if (projectSettings.emailConfirmationRequired()) {
				return SignUpResult.confirmationPending(normalized);
			}
			if (!created) {
				throw UserException.exists();
			}
			return new SignUpResult(this.userSessions.start(user, client), null);
		});
	}

	/**
	 * Signs in with email and password. Unknown email and wrong password get the same
	 * answer after the same work; failures are throttled per account and per address.
	 */
	SignedIn signIn(Caller caller, String email, String password, Client client) {
		UUID projectId = caller.requireProject();
		String normalized = Emails.normalize(email);
		Subject subject = this.throttle
			.check(this.throttle.subject(Action.SIGN_IN, projectId, normalized, client.address()));
		Optional<UserWithEmailChange> found = this.users.findByEmailWithEmailChange(projectId, normalized,
				Timestamps.now());
		String hash = found.map((user) -> user.user().passwordHash()).orElse(null);
		boolean matches = this.passwordEncoder.matches(password, (hash != null) ? hash : this.dummyHash);
		if (found.isEmpty() || hash == null || !matches) {
			this.throttle.failed(subject);
			throw UserException.invalidCredentials();
		}
		UserWithEmailChange user = found.get();
		ApiException refusal = refusal(user.user());
		if (refusal != null) {
			this.throttle.succeeded(subject);
			throw refusal;
		}
		String upgraded = this.passwordEncoder.upgradeEncoding(hash) ? this.passwordEncoder.encode(password) : null;
		// One commit for all a sign-in writes: the cleared failures, a re-hashed
		// password, the last sign-in, the session, its refresh token and the event.
		return inTransaction(() -> {
			this.throttle.succeeded(subject);
			if (upgraded != null) {
				this.users.upgradePasswordHash(user.id(), hash, upgraded);
			}
			return this.userSessions.start(user, client);
		});
	}

	/** Why a user who proved who they are still gets no session, if they get none. */
	private @Nullable ApiException refusal(User user) {
		if (user.bannedAt(Timestamps.now())) {
			return SessionException.banned();
		}
		if (user.emailConfirmedAt() == null && this.settings.of(user.projectId()).emailConfirmationRequired()) {
			return UserException.emailNotConfirmed();
		}
		return null;
	}

	/**
	 * Starts a session for a user whose identity another ceremony proved (a passkey);
	 * bans and required email confirmation apply as for passwords.
	 */
	SignedIn signInAs(Caller caller, UUID userId, Client client) {
		User user = this.users.find(caller.requireProject(), userId).orElseThrow(UserException::gone);
		ApiException refusal = refusal(user);
		if (refusal != null) {
			throw refusal;
		}
		return inTransaction(() -> this.userSessions.start(user, client));
	}

	/**
	 * Exchanges a refresh token; the answer names the user as sign-in does, as the
	 * refresh read it.
	 */
	SignedIn refresh(Caller caller, String refreshToken) {
		UUID projectId = caller.requireProject();
		Refreshed<UserWithEmailChange> refreshed = this.sessions.refresh(projectId, refreshToken,
				(userId) -> this.users.findWithEmailChange(projectId, userId, Timestamps.now()));
		return new SignedIn(refreshed.tokens(), refreshed.user().view());
	}

	UserView me(Caller caller) {
		SignedInUser signedIn = this.sessions.requireLive(caller);
		return this.users.findWithEmailChange(signedIn.projectId(), signedIn.userId(), Timestamps.now())
			.orElseThrow(UserException::gone)
			.view();
	}

	/**
	 * Changes the caller's own record: user metadata (merged key by key), password, and
	 * for an anonymous user email and password together, which makes it a permanent user
	 * with the same id. A new email of a permanent user takes effect once the mail sent
	 * to it is confirmed, and where the project asks for a secure email change, the one
	 * sent to the current address too.
	 */
	UserView update(Caller caller, @Nullable String email, @Nullable String password,
			@Nullable Map<String, Object> data) {
		User user = current(caller);
		AuthSettings projectSettings = this.settings.of(user.projectId());
		String normalized = (email != null) ? Emails.normalize(email) : null;
		boolean changesEmail = normalized != null && !normalized.equals(user.email());
		if (changesEmail && user.anonymous() && password == null) {
			throw UserException.passwordRequiredToUpgrade();
		}
		if (changesEmail && !user.anonymous() && this.users.findByEmail(user.projectId(), normalized).isPresent()) {
			throw UserException.exists();
		}
		if (password != null) {
			this.passwordPolicy.check(password, projectSettings, (normalized != null) ? normalized : user.email());
		}
		String hash = (password != null) ? this.passwordEncoder.encode(password) : null;
		return inTransaction(() -> {
			// Read again, locked: the change applies to the row as it is now, so it keeps
			// what was committed since the read above (an admin's ban, another update).
			// The lock also makes a concurrent email change wait and then void this
			// one's tokens: one change stays pending.
			User locked = this.users.findForUpdate(user.projectId(), user.id()).orElseThrow(UserException::gone);
			Map<String, Object> userMetadata = new HashMap<>(locked.userMetadata());
			if (data != null) {
				userMetadata.putAll(data);
			}
			boolean upgrade = locked.anonymous() && normalized != null;
			User updated = new User(locked.id(), locked.projectId(), upgrade ? normalized : locked.email(),
					(hash != null) ? hash : locked.passwordHash(), locked.anonymous() && !upgrade,
					locked.emailConfirmedAt(), userMetadata, locked.appMetadata(), locked.bannedUntil(),
					locked.lastSignInAt(), locked.createdAt(), Timestamps.now());
			if (!this.users.update(updated)) {
				throw UserException.exists();
			}
			if (upgrade) {
				this.emailFlows.issue(updated, Purpose.SIGNUP, normalized);
			}
			else if (normalized != null && !normalized.equals(locked.email())) {
				this.emailFlows.requestEmailChange(updated, normalized, projectSettings.secureEmailChange());
			}
			// After the request, so that the event and the answer show the change
			// pending.
			return this.events.updated(updated);
		});
	}

	private User current(Caller caller) {
		SignedInUser signedIn = this.sessions.requireLive(caller);
		return this.users.find(signedIn.projectId(), signedIn.userId()).orElseThrow(UserException::gone);
	}

	private <T> T inTransaction(Supplier<T> work) {
		return this.transactions.execute((status) -> work.get());
	}

	/**
	 * The outcome of a sign-up: a session, or a confirmation mail on its way.
	 */
	record SignUpResult(@Nullable SignedIn signedIn, @Nullable String pendingEmail) {

		static SignUpResult confirmationPending(String email) {
			return new SignUpResult(null, email);
		}

	}

}
