package dev.springbase.auth.users;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.auth.projects.ProjectAccess;
import dev.springbase.auth.sessions.SessionService;
import dev.springbase.auth.settings.AuthSettingsService;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

/**
 * The admin API over a project's users, for a secret key of the project or a console
 * member with the developer or owner role. Only here can app metadata change.
 */
@Service
class AdminUserService {

	private final UserRepository users;

	private final ProjectAccess access;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy passwordPolicy;

	private final AuthSettingsService settings;

	private final SessionService sessions;

	private final UserEvents events;

	private final TransactionTemplate transactions;

	AdminUserService(UserRepository users, ProjectAccess access, PasswordEncoder passwordEncoder,
			PasswordPolicy passwordPolicy, AuthSettingsService settings, SessionService sessions, UserEvents events,
			TransactionTemplate transactions) {
		this.users = users;
		this.access = access;
		this.passwordEncoder = passwordEncoder;
		this.passwordPolicy = passwordPolicy;
		this.settings = settings;
		this.sessions = sessions;
		this.events = events;
		this.transactions = transactions;
	}

	@Transactional(readOnly = true)
	CursorPage<UserView> list(Caller caller, @Nullable UUID projectId, @Nullable String emailPrefix, PageRequest page) {
		UUID project = this.access.requireUserAdmin(caller, projectId);
		String prefix = (emailPrefix != null && !emailPrefix.isBlank()) ? Emails.normalize(emailPrefix) : null;
		return CursorPage
			.of(this.users.page(project, prefix, page, Timestamps.now()), page.limit(),
					(user) -> PageRequest.cursorOf(user.id()))
			.map(UserWithEmailChange::view);
	}

	UserView get(Caller caller, @Nullable UUID projectId, UUID userId) {
		UUID project = this.access.requireUserAdmin(caller, projectId);
		return this.users.findWithEmailChange(project, userId, Timestamps.now())
			.orElseThrow(() -> UserException.notFound(userId))
			.view();
	}

	/**
	 * Creates a user; without a password it can sign in only through email flows. A
	 * password is hashed before the transaction, as in every change of a password: a hash
	 * takes tens of milliseconds, longer when others wait for a core, and holds no
	 * connection meanwhile.
	 */
	UserView create(Caller caller, @Nullable UUID projectId, NewUser request) {
		UUID project = this.access.requireUserAdmin(caller, projectId);
		String email = Emails.normalize(request.email());
		String hash = (request.password() != null) ? hash(request.password(), project, email) : null;
		Instant now = Timestamps.now();
		User user = new User(Ids.newId(), project, email, hash, false, request.emailConfirmed() ? now : null,
				request.userMetadata(), request.appMetadata(), null, null, now, now);
		return this.transactions.execute((status) -> {
			if (!this.users.insert(user)) {
				throw UserException.exists();
			}
			this.events.created(user);
			// A new user has no email change pending.
			return UserView.of(user, null);
		});
	}

	/**
	 * Changes what the request names and keeps the rest. A new password is hashed before
	 * the user's row is locked, so that sign-ins and other changes of the user do not
	 * wait for the hash.
	 */
	UserView update(Caller caller, @Nullable UUID projectId, UUID userId, UserChange change) {
		UUID project = this.access.requireUserAdmin(caller, projectId);
		String newEmail = (change.email() != null) ? Emails.normalize(change.email()) : null;
		String newHash = null;
		if (change.password() != null) {
			// The policy judges the password against the email the user will have.
			User user = this.users.find(project, userId).orElseThrow(() -> UserException.notFound(userId));
			newHash = hash(change.password(), project, (newEmail != null) ? newEmail : user.email());
		}
		String hash = newHash;
		return this.transactions.execute((status) -> {
			// Locked: the change applies to the row as it is now.
			User locked = this.users.findForUpdate(project, userId).orElseThrow(() -> UserException.notFound(userId));
			String email = (newEmail != null) ? newEmail : locked.email();
			Instant now = Timestamps.now();
			Instant confirmedAt = locked.emailConfirmedAt();
			if (change.emailConfirmed() != null) {
				confirmedAt = change.emailConfirmed() ? Objects.requireNonNullElse(confirmedAt, now) : null;
			}
			User updated = new User(locked.id(), locked.projectId(), email,
					(hash != null) ? hash : locked.passwordHash(), locked.anonymous() && email == null, confirmedAt,
					Objects.requireNonNullElse(change.userMetadata(), locked.userMetadata()),
					Objects.requireNonNullElse(change.appMetadata(), locked.appMetadata()), locked.bannedUntil(),
					locked.lastSignInAt(), locked.createdAt(), now);
			if (!this.users.update(updated)) {
				throw UserException.exists();
			}
			return this.events.updated(updated);
		});
	}

	/**
	 * Bans the user until the given time: it cannot sign in or refresh, and its sessions
	 * end now.
	 */
	@Transactional
	UserView ban(Caller caller, @Nullable UUID projectId, UUID userId, Instant until) {
		User user = findForUpdate(caller, projectId, userId);
		User banned = new User(user.id(), user.projectId(), user.email(), user.passwordHash(), user.anonymous(),
				user.emailConfirmedAt(), user.userMetadata(), user.appMetadata(), until, user.lastSignInAt(),
				user.createdAt(), Timestamps.now());
		this.users.update(banned);
		UserView view = this.events.updated(banned);
		this.sessions.revokeAll(user.id(), "banned");
		return view;
	}

	@Transactional
	UserView unban(Caller caller, @Nullable UUID projectId, UUID userId) {
		User user = findForUpdate(caller, projectId, userId);
		User unbanned = new User(user.id(), user.projectId(), user.email(), user.passwordHash(), user.anonymous(),
				user.emailConfirmedAt(), user.userMetadata(), user.appMetadata(), null, user.lastSignInAt(),
				user.createdAt(), Timestamps.now());
		this.users.update(unbanned);
		return this.events.updated(unbanned);
	}

	@Transactional
	void delete(Caller caller, @Nullable UUID projectId, UUID userId) {
		User user = find(caller, projectId, userId);
		this.users.delete(user.projectId(), user.id());
		this.events.deleted(user);
	}

	@Transactional
	void revokeSessions(Caller caller, @Nullable UUID projectId, UUID userId) {
		User user = find(caller, projectId, userId);
		this.sessions.revokeAll(user.id(), "revoked_by_admin");
	}

	private User find(Caller caller, @Nullable UUID projectId, UUID userId) {
		UUID project = this.access.requireUserAdmin(caller, projectId);
		return this.users.find(project, userId).orElseThrow(() -> UserException.notFound(userId));
	}

	/** The user to change, locked, so that the whole row it writes back is current. */
	private User findForUpdate(Caller caller, @Nullable UUID projectId, UUID userId) {
		UUID project = this.access.requireUserAdmin(caller, projectId);
		return this.users.findForUpdate(project, userId).orElseThrow(() -> UserException.notFound(userId));
	}

	/** Checks the password against the project's policy and hashes it. */
	private String hash(String password, UUID projectId, String email) {
		this.passwordPolicy.check(password, this.settings.of(projectId), email);
		return this.passwordEncoder.encode(password);
	}

	record NewUser(String email, @Nullable String password, boolean emailConfirmed, Map<String, Object> userMetadata,
			Map<String, Object> appMetadata) {

	}

	/** A partial update: absent fields keep their value; metadata is replaced whole. */
	record UserChange(@Nullable String email, @Nullable String password, @Nullable Boolean emailConfirmed,
			@Nullable Map<String, Object> userMetadata, @Nullable Map<String, Object> appMetadata) {

	}

}
