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

	@SuppressWarnings("unchecked")
	private static Map<String, Object> assertion(ClientPlatform authenticator, Reply options) {
		Map<String, Object> publicKey = (Map<String, Object>) options.body().get("publicKey");
		PublicKeyCredentialRequestOptions request = new PublicKeyCredentialRequestOptions(
				new DefaultChallenge(decode(publicKey.get("challenge"))), 60_000L, (String) publicKey.get("rpId"), null,
				UserVerificationRequirement.PREFERRED, null);
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
