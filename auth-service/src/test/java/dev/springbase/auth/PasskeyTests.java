package dev.springbase.auth;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.client.AuthenticationExtensionClientOutput;
import com.webauthn4j.data.extension.client.RegistrationExtensionClientOutput;
import com.webauthn4j.test.EmulatorUtil;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.client.ClientPlatform;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkey ceremonies with webauthn4j's software authenticator: real attestation objects,
 * client data and signatures, verified by the service.
 */
class PasskeyTests extends AuthServiceTests {

	private static final String SITE = "http://localhost:3000";

	@Test
	void registersAPasskeyAndSignsInWithoutAPassword() {
		EndUsers users = EndUsers.newProject(this.api, "passkey-owner@test.local");
		Reply signedUp = users.newUser("passkey@example.com");
		ClientPlatform authenticator = authenticator(SITE);
		Reply registered = register(users, signedUp.string("accessToken"), authenticator, "Laptop");
		assertThat(registered.status()).as("%s", registered.body()).isEqualTo(201);
		assertThat(registered.body()).containsEntry("name", "Laptop");

		Reply signedIn = signIn(users, authenticator);
		assertThat(signedIn.status()).as("%s", signedIn.body()).isEqualTo(200);
		assertThat(EndUsers.userId(signedIn)).isEqualTo(EndUsers.userId(signedUp));
		String token = signedIn.string("accessToken");
		Reply listed = users.call(HttpMethod.GET, "/auth/v1/passkeys", token, null);
		assertThat(listed.items()).singleElement()
			.satisfies((passkey) -> assertThat(passkey.get("lastUsedAt")).isNotNull());
		String id = registered.string("id");
		assertThat(
				users.call(HttpMethod.PATCH, "/auth/v1/passkeys/" + id, token, Map.of("name", "Work laptop")).status())
			.isEqualTo(204);
		assertThat(users.call(HttpMethod.GET, "/auth/v1/passkeys", token, null).items().getFirst())
			.containsEntry("name", "Work laptop");

		assertThat(users.call(HttpMethod.DELETE, "/auth/v1/passkeys/" + id, token, null).status()).isEqualTo(204);
		Reply removed = signIn(users, authenticator);
		assertThat(removed.status()).isEqualTo(401);
		assertThat(removed.code()).isEqualTo("auth.passkey_rejected");
	}

	@Test
	void refusesAReplayedChallengeAnotherOriginAndAnotherProject() {
		EndUsers users = EndUsers.newProject(this.api, "passkey-fail-owner@test.local");
		ClientPlatform authenticator = authenticator(SITE);
		assertThat(register(users, users.newUser("careful@example.com").string("accessToken"), authenticator, null)
			.status()).isEqualTo(201);

		Reply options = users.call(HttpMethod.POST, "/auth/v1/passkeys/authenticate/options", users.anonToken, null);
		Map<String, Object> assertion = assertion(authenticator, options);
		assertThat(users
			.call(HttpMethod.POST, "/auth/v1/token?grant_type=passkey", users.anonToken, Map.of("passkey", assertion))
			.status()).isEqualTo(200);
		Reply replayed = users.call(HttpMethod.POST, "/auth/v1/token?grant_type=passkey", users.anonToken,
				Map.of("passkey", assertion));
		assertThat(replayed.status()).isEqualTo(401);
		assertThat(replayed.code()).isEqualTo("auth.passkey_challenge_invalid");

		authenticator.setOrigin(new Origin("https://phishing.example"));
		Reply phished = signIn(users, authenticator);
		assertThat(phished.status()).isEqualTo(401);
		assertThat(phished.code()).isEqualTo("auth.passkey_rejected");
		authenticator.setOrigin(new Origin(SITE));

		EndUsers other = EndUsers.newProject(this.api, "passkey-other-owner@test.local");
		Reply elsewhere = signIn(other, authenticator);
		assertThat(elsewhere.status()).isEqualTo(401);
		assertThat(elsewhere.code()).isEqualTo("auth.passkey_rejected");
		assertThat(signIn(users, authenticator).status()).isEqualTo(200);
	}

	@Test
	void aPasskeyIsTheSecondFactorAfterAPasswordEvenWhereMfaIsRequired() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "passkey-mfa-owner@test.local");
		String token = users.newUser("two-factor@example.com").string("accessToken");
		Reply beforeRegistering = users.call(HttpMethod.POST, "/auth/v1/passkeys/verify/options", token, null);
		assertThat(beforeRegistering.status()).isEqualTo(400);
		assertThat(beforeRegistering.code()).isEqualTo("auth.passkey_none_registered");
		ClientPlatform authenticator = authenticator(SITE);
		assertThat(register(users, token, authenticator, "Phone").status()).isEqualTo(201);
		assertThat(users.admin(HttpMethod.PATCH, "/settings", Map.of("mfaRequired", true)).status()).isEqualTo(200);

		String aal1 = users.signIn("two-factor@example.com", EndUsers.PASSWORD).string("accessToken");
		assertThat(users.call(HttpMethod.GET, "/auth/v1/user", aal1, null).code()).isEqualTo("auth.mfa_required");
		Reply options = users.call(HttpMethod.POST, "/auth/v1/passkeys/verify/options", aal1, null);
		assertThat(options.status()).as("%s", options.body()).isEqualTo(200);
		assertThat(options.body()).extractingByKey("publicKey")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("userVerification", "required");

		Reply verified = users.call(HttpMethod.POST, "/auth/v1/passkeys/verify", aal1,
				assertion(authenticator, options));
		assertThat(verified.status()).as("%s", verified.body()).isEqualTo(200);
		String aal2 = verified.string("accessToken");
		assertThat(TestApi.claims(aal2)).containsEntry("aal", "aal2");
		assertThat(users.call(HttpMethod.GET, "/auth/v1/user", aal2, null).status()).isEqualTo(200);
		Reply refreshed = users.call(HttpMethod.POST, "/auth/v1/token?grant_type=refresh_token", users.anonToken,
				Map.of("refreshToken", verified.string("refreshToken")));
		assertThat(TestApi.claims(refreshed.string("accessToken"))).containsEntry("aal", "aal2");
	}

	@Test
	void anotherUsersPasskeyOrAReplayDoesNotRaiseTheSession() {
		EndUsers users = EndUsers.newProject(this.api, "passkey-mfa-fail-owner@test.local");
		String mine = users.newUser("mine@example.com").string("accessToken");
		String theirs = users.newUser("theirs@example.com").string("accessToken");
		ClientPlatform myAuthenticator = authenticator(SITE);
		ClientPlatform theirAuthenticator = authenticator(SITE);
		assertThat(register(users, mine, myAuthenticator, null).status()).isEqualTo(201);
		assertThat(register(users, theirs, theirAuthenticator, null).status()).isEqualTo(201);

		Reply options = users.call(HttpMethod.POST, "/auth/v1/passkeys/verify/options", mine, null);
		Reply foreign = users.call(HttpMethod.POST, "/auth/v1/passkeys/verify", mine,
				assertion(theirAuthenticator, options));
		assertThat(foreign.status()).isEqualTo(401);
		assertThat(foreign.code()).isEqualTo("auth.passkey_rejected");

		Reply unverifiedUser = users.call(HttpMethod.POST, "/auth/v1/passkeys/verify", mine,
				assertion(myAuthenticator, users.call(HttpMethod.POST, "/auth/v1/passkeys/verify/options", mine, null),
						UserVerificationRequirement.DISCOURAGED));
		assertThat(unverifiedUser.code()).as("the authenticator must verify the user")
			.isEqualTo("auth.passkey_rejected");

		Reply fresh = users.call(HttpMethod.POST, "/auth/v1/passkeys/verify/options", mine, null);
		Map<String, Object> assertion = assertion(myAuthenticator, fresh);
		assertThat(users.call(HttpMethod.POST, "/auth/v1/passkeys/verify", mine, assertion).status()).isEqualTo(200);
		Reply replayed = users.call(HttpMethod.POST, "/auth/v1/passkeys/verify", mine, assertion);
		assertThat(replayed.code()).isEqualTo("auth.passkey_challenge_invalid");
		Reply withOthersChallenge = users.call(HttpMethod.POST, "/auth/v1/passkeys/verify", theirs, assertion(
				theirAuthenticator, users.call(HttpMethod.POST, "/auth/v1/passkeys/verify/options", mine, null)));
		assertThat(withOthersChallenge.code()).as("a challenge is bound to its user")
			.isEqualTo("auth.passkey_challenge_invalid");
	}

	private static ClientPlatform authenticator(String origin) {
		ClientPlatform platform = EmulatorUtil.createClientPlatform(new PackedAuthenticator());
		platform.setOrigin(new Origin(origin));
		return platform;
	}

	@SuppressWarnings("unchecked")
	private static Reply register(EndUsers users, String token, ClientPlatform authenticator, String name) {
		Reply options = users.call(HttpMethod.POST, "/auth/v1/passkeys/register/options", token, null);
		assertThat(options.status()).as("%s", options.body()).isEqualTo(200);
		Map<String, Object> publicKey = (Map<String, Object>) options.body().get("publicKey");
		Map<String, Object> rp = (Map<String, Object>) publicKey.get("rp");
		Map<String, Object> user = (Map<String, Object>) publicKey.get("user");
		PublicKeyCredentialCreationOptions creation = new PublicKeyCredentialCreationOptions(
				new PublicKeyCredentialRpEntity((String) rp.get("id"), (String) rp.get("name")),
				new PublicKeyCredentialUserEntity(
						decode(user.get("id")), (String) user.get("name"), (String) user.get("displayName")),
				new DefaultChallenge(decode(publicKey.get("challenge"))),
				List.of(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
						COSEAlgorithmIdentifier.ES256)),
				60_000L, List.of(), new AuthenticatorSelectionCriteria(null, ResidentKeyRequirement.REQUIRED,
						UserVerificationRequirement.PREFERRED),
				AttestationConveyancePreference.NONE, null);
		PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput> credential = authenticator
			.create(creation);
		Map<String, Object> body = new HashMap<>();
		body.put("challengeId", options.string("challengeId"));
		body.put("clientDataJSON", encode(credential.getResponse().getClientDataJSON()));
		body.put("attestationObject", encode(credential.getResponse().getAttestationObject()));
		if (name != null) {
			body.put("name", name);
		}
		return users.call(HttpMethod.POST, "/auth/v1/passkeys/register", token, body);
	}

	private static Reply signIn(EndUsers users, ClientPlatform authenticator) {
		Reply options = users.call(HttpMethod.POST, "/auth/v1/passkeys/authenticate/options", users.anonToken, null);
		assertThat(options.status()).isEqualTo(200);
		return users.call(HttpMethod.POST, "/auth/v1/token?grant_type=passkey", users.anonToken,
				Map.of("passkey", assertion(authenticator, options)));
	}

	private static Map<String, Object> assertion(ClientPlatform authenticator, Reply options) {
		return assertion(authenticator, options, UserVerificationRequirement.PREFERRED);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> assertion(ClientPlatform authenticator, Reply options,
			UserVerificationRequirement userVerification) {
		Map<String, Object> publicKey = (Map<String, Object>) options.body().get("publicKey");
		PublicKeyCredentialRequestOptions request = new PublicKeyCredentialRequestOptions(
				new DefaultChallenge(decode(publicKey.get("challenge"))), 60_000L, (String) publicKey.get("rpId"), null,
				userVerification, null);
		PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> credential = authenticator
			.get(request);
		AuthenticatorAssertionResponse response = credential.getResponse();
		Map<String, Object> assertion = new HashMap<>();
		assertion.put("challengeId", options.string("challengeId"));
		assertion.put("credentialId", encode(credential.getRawId()));
		assertion.put("clientDataJSON", encode(response.getClientDataJSON()));
		assertion.put("authenticatorData", encode(response.getAuthenticatorData()));
		assertion.put("signature", encode(response.getSignature()));
		if (response.getUserHandle() != null) {
			assertion.put("userHandle", encode(response.getUserHandle()));
		}
		return assertion;
	}

	private static byte[] decode(Object value) {
		return Base64.getUrlDecoder().decode((String) value);
	}

	private static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
