package dev.springbase.auth.passkeys;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.authenticator.AuthenticatorImpl;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.springbase.auth.config.AuthProperties;
import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.auth.sessions.SessionService;
import dev.springbase.auth.sessions.SessionTokens;
import dev.springbase.auth.sessions.SessionUser;
import dev.springbase.auth.sessions.SessionUsers;
import dev.springbase.auth.sessions.SignedInUser;
import dev.springbase.auth.settings.AuthSettingsService;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.security.Caller;

/**
 * Registers passkeys for signed-in users and verifies sign-ins with them (W3C WebAuthn
 * Level 2, through webauthn4j). The relying party is the project's site URL: its origin
 * must match what the browser signs, its host is the RP id.
 */
@Service
public class PasskeyService {

	private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
			new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
			new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

	private static final SecureRandom RANDOM = new SecureRandom();

	private final PasskeyRepository passkeys;

	private final SessionService sessions;

	private final SessionUsers users;

	private final AuthSettingsService settings;

	private final String defaultSiteUrl;

	private final Duration challengeTtl;

	private final Clock clock;

	private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager();

	private final AttestedCredentialDataConverter credentialData = new AttestedCredentialDataConverter(
			new ObjectConverter());

	PasskeyService(PasskeyRepository passkeys, SessionService sessions, SessionUsers users,
			AuthSettingsService settings, AuthProperties properties, Clock clock) {
		this.passkeys = passkeys;
		this.sessions = sessions;
		this.users = users;
		this.settings = settings;
		this.defaultSiteUrl = properties.mail().defaultSiteUrl();
		this.challengeTtl = properties.passkeys().challengeTtl();
		this.clock = clock;
	}

	/** {@code PublicKeyCredentialCreationOptions} for the signed-in user, as JSON. */
	@Transactional
	Map<String, Object> registrationOptions(Caller caller) {
		SignedInUser signedIn = this.sessions.requireLive(caller);
		SessionUser user = this.users.find(signedIn.userId()).orElseThrow();
		RelyingParty rp = relyingParty(signedIn.projectId());
		UUID challengeId = Ids.newId();
		byte[] challenge = newChallenge();
		this.passkeys.insertChallenge(challengeId, signedIn.projectId(), signedIn.userId(), challenge,
				Timestamps.now(this.clock).plus(this.challengeTtl));
		String name = Objects.requireNonNullElse(user.email(), user.id().toString());
		Map<String, Object> publicKey = new LinkedHashMap<>();
		publicKey.put("challenge", encode(challenge));
		publicKey.put("rp", Map.of("id", rp.id(), "name", rp.id()));
		publicKey.put("user", Map.of("id", encode(userHandle(user.id())), "name", name, "displayName", name));
		publicKey.put("pubKeyCredParams",
				ALGORITHMS.stream()
					.map((algorithm) -> Map.of("type", "public-key", "alg", algorithm.getAlg().getValue()))
					.toList());
		publicKey.put("timeout", this.challengeTtl.toMillis());
		publicKey.put("attestation", "none");
		publicKey.put("authenticatorSelection", Map.of("residentKey", "required", "userVerification", "preferred"));
		publicKey.put("excludeCredentials",
				this.passkeys.list(signedIn.userId())
					.stream()
					.map((passkey) -> Map.of("type", "public-key", "id", encode(passkey.credentialId())))
					.toList());
		return Map.of("challengeId", challengeId, "publicKey", publicKey);
	}

	/**
	 * Verifies what {@code navigator.credentials.create()} returned and keeps the key.
	 */
	@Transactional
	PasskeyView register(Caller caller, UUID challengeId, @Nullable String name, String clientDataJSON,
			String attestationObject) {
		SignedInUser signedIn = this.sessions.requireLive(caller);
		Instant now = Timestamps.now(this.clock);
		byte[] challenge = this.passkeys.takeChallenge(challengeId, signedIn.projectId(), signedIn.userId(), now)
			.orElseThrow(PasskeyException::challengeInvalid);
		RegistrationData data;
		try {
			data = this.webAuthn.verify(
					new RegistrationRequest(decode(attestationObject, "attestationObject"),
							decode(clientDataJSON, "clientDataJSON")),
					new RegistrationParameters(serverProperty(signedIn.projectId(), challenge), ALGORITHMS, false,
							true));
		}
		catch (DataConversionException | VerificationException ex) {
			throw PasskeyException.rejected(ex.getMessage());
		}
		AttestedCredentialData credential = Objects
			.requireNonNull(data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData());
		Passkey passkey = new Passkey(Ids.newId(), signedIn.projectId(), signedIn.userId(),
				credential.getCredentialId(), (name != null && !name.isBlank()) ? name.strip() : "Passkey",
				this.credentialData.convert(credential),
				data.getAttestationObject().getAuthenticatorData().getSignCount(), now, null);
		this.passkeys.insert(passkey);
		return PasskeyView.of(passkey);
	}

	/**
	 * {@code PublicKeyCredentialRequestOptions} for signing in with any passkey of the
	 * project (a discoverable credential names its user), as JSON.
	 */
	@Transactional
	Map<String, Object> authenticationOptions(Caller caller) {
		UUID projectId = caller.requireProject();
		UUID challengeId = Ids.newId();
		byte[] challenge = newChallenge();
		this.passkeys.insertChallenge(challengeId, projectId, null, challenge,
				Timestamps.now(this.clock).plus(this.challengeTtl));
		return Map.of("challengeId", challengeId, "publicKey",
				Map.of("challenge", encode(challenge), "rpId", relyingParty(projectId).id(), "timeout",
						this.challengeTtl.toMillis(), "userVerification", "preferred"));
	}

	/**
	 * Verifies a passkey sign-in: challenge, origin, RP id, signature against the stored
	 * public key, and a signature counter that moved on (a cloned authenticator would
	 * not).
	 * @return the user the passkey belongs to
	 */
	@Transactional
	public UUID authenticate(Caller caller, PasskeyAssertion assertion) {
		UUID projectId = caller.requireProject();
		Instant now = Timestamps.now(this.clock);
		byte[] challenge = this.passkeys.takeChallenge(assertion.challengeId(), projectId, null, now)
			.orElseThrow(PasskeyException::challengeInvalid);
		byte[] credentialId = decode(assertion.credentialId(), "credentialId");
		Passkey passkey = this.passkeys.findByCredential(projectId, credentialId)
			.orElseThrow(PasskeyException::unknownCredential);
		byte[] userHandle = (assertion.userHandle() != null) ? decode(assertion.userHandle(), "userHandle") : null;
		if (userHandle != null && !Arrays.equals(userHandle, userHandle(passkey.userId()))) {
			throw PasskeyException.rejected("the user handle does not match the passkey.");
		}
		verifyAssertion(projectId, challenge, passkey, assertion, credentialId, userHandle, false, now);
		return passkey.userId();
	}

	/**
	 * {@code PublicKeyCredentialRequestOptions} for using one of the signed-in user's
	 * passkeys as a second factor, as JSON. Allowed at {@code aal1} even where the
	 * project requires MFA: it is how such a session reaches {@code aal2}.
	 */
	@Transactional
	Map<String, Object> verificationOptions(Caller caller) {
		SignedInUser signedIn = this.sessions.requireLiveAnyLevel(caller);
		List<Passkey> own = this.passkeys.list(signedIn.userId());
		if (own.isEmpty()) {
			throw PasskeyException.noneRegistered();
		}
		UUID challengeId = Ids.newId();
		byte[] challenge = newChallenge();
		this.passkeys.insertChallenge(challengeId, signedIn.projectId(), signedIn.userId(), challenge,
				Timestamps.now(this.clock).plus(this.challengeTtl));
		return Map.of("challengeId", challengeId, "publicKey",
				Map.of("challenge", encode(challenge), "rpId", relyingParty(signedIn.projectId()).id(), "timeout",
						this.challengeTtl.toMillis(), "userVerification", "required", "allowCredentials",
						own.stream()
							.map((passkey) -> Map.of("type", "public-key", "id", encode(passkey.credentialId())))
							.toList()));
	}

	/**
	 * Verifies one of the signed-in user's passkeys and raises the session to
	 * {@code aal2}. The authenticator must have verified the user (PIN or biometrics):
	 * such a passkey is something one has and something one knows or is, which is why it
	 * counts as the second factor also after a passkey sign-in.
	 */
	@Transactional
	public SessionTokens verify(Caller caller, PasskeyAssertion assertion) {
		SignedInUser signedIn = this.sessions.requireLiveAnyLevel(caller);
		Instant now = Timestamps.now(this.clock);
		byte[] challenge = this.passkeys
			.takeChallenge(assertion.challengeId(), signedIn.projectId(), signedIn.userId(), now)
			.orElseThrow(PasskeyException::challengeInvalid);
		byte[] credentialId = decode(assertion.credentialId(), "credentialId");
		Passkey passkey = this.passkeys.findByCredential(signedIn.projectId(), credentialId)
			.filter((found) -> found.userId().equals(signedIn.userId()))
			.orElseThrow(PasskeyException::unknownCredential);
		byte[] userHandle = (assertion.userHandle() != null) ? decode(assertion.userHandle(), "userHandle") : null;
		verifyAssertion(signedIn.projectId(), challenge, passkey, assertion, credentialId, userHandle, true, now);
		return this.sessions.raiseToAal2(signedIn, this.users.find(signedIn.userId()).orElseThrow());
	}

	/**
	 * Checks challenge, origin, RP id, the signature against the stored public key, and a
	 * signature counter that moved on (a cloned authenticator would not), then records
	 * the use.
	 */
	private void verifyAssertion(UUID projectId, byte[] challenge, Passkey passkey, PasskeyAssertion assertion,
			byte[] credentialId, byte @Nullable [] userHandle, boolean userVerificationRequired, Instant now) {
		AuthenticationData data;
		try {
			data = this.webAuthn.verify(new AuthenticationRequest(credentialId, userHandle,
					decode(assertion.authenticatorData(), "authenticatorData"),
					decode(assertion.clientDataJSON(), "clientDataJSON"), decode(assertion.signature(), "signature")),
					new AuthenticationParameters(serverProperty(projectId, challenge),
							new AuthenticatorImpl(this.credentialData.convert(passkey.attestedCredentialData()),
									new NoneAttestationStatement(), passkey.signCount()),
							null, userVerificationRequired, true));
		}
		catch (DataConversionException | VerificationException ex) {
			throw PasskeyException.rejected(ex.getMessage());
		}
		this.passkeys.recordUse(passkey.id(), Objects.requireNonNull(data.getAuthenticatorData()).getSignCount(), now);
	}

	@Transactional(readOnly = true)
	List<PasskeyView> list(Caller caller) {
		SignedInUser signedIn = this.sessions.requireLive(caller);
		return this.passkeys.list(signedIn.userId()).stream().map(PasskeyView::of).toList();
	}

	@Transactional
	void rename(Caller caller, UUID id, String name) {
		SignedInUser signedIn = this.sessions.requireLive(caller);
		if (!this.passkeys.rename(signedIn.userId(), id, name.strip())) {
			throw PasskeyException.notFound(id);
		}
	}

	@Transactional
	void delete(Caller caller, UUID id) {
		SignedInUser signedIn = this.sessions.requireLive(caller);
		if (!this.passkeys.delete(signedIn.userId(), id)) {
			throw PasskeyException.notFound(id);
		}
	}

	private ServerProperty serverProperty(UUID projectId, byte[] challenge) {
		RelyingParty rp = relyingParty(projectId);
		return new ServerProperty(new Origin(rp.origin()), rp.id(), new DefaultChallenge(challenge));
	}

	private RelyingParty relyingParty(UUID projectId) {
		String siteUrl = Objects.requireNonNullElse(this.settings.of(projectId).siteUrl(), this.defaultSiteUrl);
		URI site = URI.create(siteUrl);
		String origin = site.getScheme() + "://" + site.getHost()
				+ ((site.getPort() != -1) ? ":" + site.getPort() : "");
		return new RelyingParty(site.getHost(), origin);
	}

	/** The WebAuthn user handle: the user id's 16 bytes, no personal data. */
	private static byte[] userHandle(UUID userId) {
		return ByteBuffer.allocate(16)
			.putLong(userId.getMostSignificantBits())
			.putLong(userId.getLeastSignificantBits())
			.array();
	}

	private static byte[] newChallenge() {
		byte[] challenge = new byte[32];
		RANDOM.nextBytes(challenge);
		return challenge;
	}

	private static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static byte[] decode(String value, String field) {
		try {
			return Base64.getUrlDecoder().decode(value);
		}
		catch (IllegalArgumentException ex) {
			throw PasskeyException.malformed(field);
		}
	}

	private record RelyingParty(String id, String origin) {

	}

}
