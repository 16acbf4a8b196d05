package dev.springbase.auth.users;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.auth.config.AuthProperties;
import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.auth.mail.AuthMails;
import dev.springbase.auth.protection.AttemptThrottle;
import dev.springbase.auth.protection.AttemptThrottle.Action;
import dev.springbase.auth.protection.AttemptThrottle.Subject;
import dev.springbase.auth.sessions.SessionException;
import dev.springbase.auth.users.OneTimeToken.EmailChange;
import dev.springbase.auth.users.Verification.EmailChangePending;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.security.Caller;

/**
 * The flows that go through a mailbox: address confirmation, password reset, magic link
 * and code sign-in, email change (confirmed by the new address, and in the secure variant
 * by the current one too). Each mail carries a link token and a six-digit code for one
 * purpose; either is single-use, expires, and works only in its project.
 */
@Service
class EmailFlowService {

	private static final Logger log = LoggerFactory.getLogger(EmailFlowService.class);

	private final UserRepository users;

	private final OneTimeTokenRepository tokens;

	private final AuthMails mails;

	private final AttemptThrottle throttle;

	private final UserSessions sessions;

	private final UserEvents events;

	private final TransactionTemplate transactions;

	private final TaskExecutor executor;

	private final Duration codeTtl;

	EmailFlowService(UserRepository users, OneTimeTokenRepository tokens, AuthMails mails, AttemptThrottle throttle,
			UserSessions sessions, UserEvents events, TransactionTemplate transactions, TaskExecutor executor,
			AuthProperties properties) {
		this.users = users;
		this.tokens = tokens;
		this.mails = mails;
		this.throttle = throttle;
		this.sessions = sessions;
		this.events = events;
		this.transactions = transactions;
		this.executor = executor;
		this.codeTtl = properties.mail().codeTtl();
	}

	/**
	 * Mails a link and code for the purpose to the address; earlier ones for the same
	 * purpose stop working. Within a transaction, the mail goes out once it commits.
	 */
	void issue(User user, Purpose purpose, String email) {
		Instant now = Timestamps.now();
		this.tokens.invalidate(user.id(), EnumSet.of(purpose), now);
		mail(user, purpose, email, null, now);
	}

	/**
	 * Asks the user to confirm a new address: a link and code to the new address, and
	 * with {@code secure} one to the current address too (a user without one has nothing
	 * to confirm there). The change applies once each is redeemed; an earlier request
	 * stops working.
	 */
	void requestEmailChange(User user, String newEmail, boolean secure) {
		Instant now = Timestamps.now();
		this.tokens.invalidate(user.id(), Purpose.EMAIL_CHANGES, now);
		EmailChange change = new EmailChange(Ids.newId(), user.email(), newEmail);
		mail(user, Purpose.EMAIL_CHANGE, newEmail, change, now);
		if (secure && user.email() != null) {
			mail(user, Purpose.EMAIL_CHANGE_CURRENT, user.email(), change, now);
		}
	}

	private void mail(User user, Purpose purpose, String email, @Nullable EmailChange change, Instant now) {
		String linkToken = Secrets.linkToken();
		String code = Secrets.code();
		UUID id = Ids.newId();
		this.tokens.insert(new OneTimeToken(id, user.projectId(), user.id(), purpose, email, Secrets.sha256(linkToken),
				codeHash(id, code), now, now.plus(this.codeTtl), null, change));
		String newEmail = (change != null) ? change.to() : null;
		Runnable send = () -> this.mails.send(user.projectId(), purpose.value(), purpose.type(), email, newEmail,
				linkToken, code);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					send.run();
				}
			});
		}
		else {
			send.run();
		}
	}

	/**
	 * Mails a password reset link when the address has a user. The answer is the same
	 * either way, and comes before the look-up, so neither it nor its timing tells.
	 */
	void recover(Caller caller, String email, Client client) {
		UUID projectId = caller.requireProject();
		String normalized = Emails.normalize(email);
		this.throttle.attempt(this.throttle.subject(Action.RECOVER, projectId, normalized, client.address()));
		inBackground(() -> this.users.findByEmail(projectId, normalized)
			.ifPresent((user) -> issue(user, Purpose.RECOVERY, normalized)));
	}

	/**
	 * Mails a sign-in link and code; with {@code createUser}, an unknown address gets a
	 * new user (without a password) first. Answers like {@link #recover}.
	 */
	void sendSignInLink(Caller caller, String email, boolean createUser, Client client) {
		UUID projectId = caller.requireProject();
		String normalized = Emails.normalize(email);
		this.throttle.attempt(this.throttle.subject(Action.SEND_CODE, projectId, normalized, client.address()));
		inBackground(() -> {
			User user = this.users.findByEmail(projectId, normalized).orElse(null);
			if (user == null && createUser) {
				Instant now = Timestamps.now();
				User created = new User(Ids.newId(), projectId, normalized, null, false, null, Map.of(), Map.of(), null,
						null, now, now);
				if (this.users.insert(created)) {
					this.events.created(created);
					user = created;
				}
				else {
					user = this.users.findByEmail(projectId, normalized).orElseThrow();
				}
			}
			if (user != null) {
				issue(user, Purpose.MAGICLINK, normalized);
			}
		});
	}

	/**
	 * Redeems a link token, or an address and code, and signs the user in. Confirmation,
	 * reset and magic links confirm the address; an email change makes the new address
	 * the user's once every address it was mailed to has confirmed it, and until then
	 * answers which half is done. Failures count towards throttling like wrong passwords.
	 * @param purposes what the {@code type} of the request redeems
	 */
	Verification verify(Caller caller, Set<Purpose> purposes, @Nullable String linkToken, @Nullable String email,
			@Nullable String code, Client client) {
		UUID projectId = caller.requireProject();
		Subject subject;
		OneTimeToken found;
		if (linkToken != null) {
			subject = this.throttle.check(this.throttle.subject(Action.VERIFY_CODE, client.address()));
			found = this.tokens.findByTokenHash(projectId, Secrets.sha256(linkToken))
				.filter((token) -> purposes.contains(token.purpose()))
				.orElse(null);
		}
		else {
			if (email == null || code == null) {
				throw UserException.tokenOrCodeRequired();
			}
			String normalized = Emails.normalize(email);
			subject = this.throttle
				.check(this.throttle.subject(Action.VERIFY_CODE, projectId, normalized, client.address()));
			found = matching(this.tokens.findUnused(projectId, normalized, purposes), code);
		}
		Instant now = Timestamps.now();
		if (found == null || found.usedAt() != null) {
			this.throttle.failed(subject);
			throw UserException.codeInvalid();
		}
		if (found.expiredAt(now)) {
			this.throttle.failed(subject);
			throw UserException.codeExpired();
		}
		Verification verified = inTransaction(() -> redeem(found, now, client));
		this.throttle.succeeded(subject);
		return verified;
	}

	private Verification redeem(OneTimeToken token, Instant now, Client client) {
		EmailChange change = token.emailChange();
		List<OneTimeToken> changeTokens = (change != null) ? this.tokens.lockEmailChange(change.id()) : List.of();
		if (!this.tokens.markUsed(token.id(), now)) {
			throw UserException.codeInvalid();
		}
		User user = this.users.findForUpdate(token.projectId(), token.userId()).orElseThrow(UserException::codeInvalid);
		if (!token.speaksFor(user.email())) {
			throw UserException.codeInvalid();
		}
		if (user.bannedAt(now)) {
			throw SessionException.banned();
		}
		// Another token of the change still unused: a new request would have used it up,
		// so it is the other half, not yet confirmed.
		if (changeTokens.stream().anyMatch((other) -> !other.id().equals(token.id()) && other.usedAt() == null)) {
			return new EmailChangePending(token.purpose());
		}
		User updated = new User(user.id(), user.projectId(), (change != null) ? change.to() : user.email(),
				user.passwordHash(), user.anonymous(),
				(change != null) ? now : Objects.requireNonNullElse(user.emailConfirmedAt(), now), user.userMetadata(),
				user.appMetadata(), user.bannedUntil(), user.lastSignInAt(), user.createdAt(), now);
		if (!this.users.update(updated)) {
			throw UserException.exists();
		}
		if (!Objects.equals(updated.email(), user.email())
				|| !Objects.equals(updated.emailConfirmedAt(), user.emailConfirmedAt())) {
			this.events.updated(updated);
		}
		return this.sessions.start(updated, client);
	}

	/**
	 * Compares the code with every candidate, in constant time and without stopping
	 * early.
	 */
	private static @Nullable OneTimeToken matching(List<OneTimeToken> candidates, String code) {
		OneTimeToken match = null;
		for (OneTimeToken candidate : candidates) {
			if (MessageDigest.isEqual(candidate.codeHash(), codeHash(candidate.id(), code))) {
				match = candidate;
			}
		}
		return match;
	}

	/** Salted with the token id, so equal codes of two tokens hash differently. */
	private static byte[] codeHash(UUID tokenId, String code) {
		return Secrets.sha256(tokenId + ":" + code);
	}

	private void inBackground(Runnable work) {
		this.executor.execute(() -> {
			try {
				this.transactions.executeWithoutResult((status) -> work.run());
			}
			catch (RuntimeException ex) {
				log.error("Could not issue a mailed token", ex);
			}
		});
	}

	private <T> T inTransaction(Supplier<T> work) {
		return this.transactions.execute((status) -> work.get());
	}

}
