package dev.springbase.auth.users;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.auth.oidc.VerifiedIdentity;
import dev.springbase.auth.sessions.SessionException;
import dev.springbase.auth.sessions.SessionService;
import dev.springbase.platform.ids.Ids;

/**
 * Signs in the user behind a provider identity: the one linked to it before, else the
 * user with the same email when the provider vouches for it (account linking), else a new
 * user.
 */
@Service
class ExternalSignIn {

	private final UserRepository users;

	private final IdentityRepository identities;

	private final UserSessions userSessions;

	private final SessionService sessions;

	private final UserEvents events;

	ExternalSignIn(UserRepository users, IdentityRepository identities, UserSessions userSessions,
			SessionService sessions, UserEvents events) {
		this.users = users;
		this.identities = identities;
		this.userSessions = userSessions;
		this.sessions = sessions;
		this.events = events;
	}

	@Transactional
	SignedIn signIn(VerifiedIdentity identity, Client client) {
		Instant now = Timestamps.now();
		Optional<UUID> linked = this.identities.findUser(identity.providerId(), identity.subject());
		User user;
		if (identity.linkUserId() != null) {
			user = linkToSignedInUser(identity, linked, now);
		}
		else {
			user = linked.flatMap((id) -> this.users.find(identity.projectId(), id))
				.orElseGet(() -> linkOrCreate(identity, now));
		}
		if (user.bannedAt(now)) {
			throw SessionException.banned();
		}
		return this.userSessions.start(user, client);
	}

	private User linkOrCreate(VerifiedIdentity identity, Instant now) {
		String email = (identity.email() != null) ? Emails.normalize(identity.email()) : null;
		Optional<User> sameEmail = (email != null) ? this.users.findByEmail(identity.projectId(), email)
				: Optional.empty();
		User user;
		if (sameEmail.isPresent() && identity.emailVerified()) {
			user = claim(sameEmail.get(), now);
		}
		else {
			// An email the provider does not vouch for, or one taken, is not copied.
			boolean useEmail = email != null && identity.emailVerified() && sameEmail.isEmpty();
			user = new User(Ids.newId(), identity.projectId(), useEmail ? email : null, null, false,
					useEmail ? now : null, Map.of(), Map.of(), null, null, now, now);
			this.users.insert(user);
			this.events.created(user);
		}
		this.identities.link(identity.providerId(), identity.subject(), user.id(), email);
		return user;
	}

	/**
	 * Links the identity to the user who started the sign-in. An anonymous user becomes
	 * permanent with the same id, taking the provider's email when it vouches for it and
	 * no other user has it.
	 */
	private User linkToSignedInUser(VerifiedIdentity identity, Optional<UUID> linked, Instant now) {
		UUID userId = Objects.requireNonNull(identity.linkUserId());
		if (linked.isPresent() && !linked.get().equals(userId)) {
			throw UserException.identityLinkedElsewhere();
		}
		User user = this.users.findForUpdate(identity.projectId(), userId).orElseThrow(UserException::gone);
		if (linked.isPresent()) {
			return user;
		}
		String email = (identity.email() != null) ? Emails.normalize(identity.email()) : null;
		this.identities.link(identity.providerId(), identity.subject(), user.id(), email);
		if (!user.anonymous()) {
			return user;
		}
		boolean useEmail = email != null && identity.emailVerified()
				&& this.users.findByEmail(identity.projectId(), email).isEmpty();
		User permanent = new User(user.id(), user.projectId(), useEmail ? email : null, null, false,
				useEmail ? now : null, user.userMetadata(), user.appMetadata(), user.bannedUntil(), user.lastSignInAt(),
				user.createdAt(), now);
		this.users.update(permanent);
		this.events.updated(permanent);
		return permanent;
	}

	/**
	 * Links a user with the same email. If that user never confirmed the address, whoever
	 * signed up with it may not own it: its password and sessions go, and the verified
	 * identity takes the account over (no pre-registration hijack).
	 */
	private User claim(User sameEmail, Instant now) {
		if (sameEmail.emailConfirmedAt() != null) {
			return sameEmail;
		}
		User existing = this.users.findForUpdate(sameEmail.projectId(), sameEmail.id())
			.orElseThrow(UserException::gone);
		User claimed = new User(existing.id(), existing.projectId(), existing.email(), null, false, now,
				existing.userMetadata(), existing.appMetadata(), existing.bannedUntil(), existing.lastSignInAt(),
				existing.createdAt(), now);
		this.users.update(claimed);
		this.events.updated(claimed);
		this.sessions.revokeAll(existing.id(), "email_claimed_by_provider");
		return claimed;
	}

}
