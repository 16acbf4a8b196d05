package dev.springbase.system;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
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
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.springbase.system.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Second factors and passkeys through the gateway: a TOTP code raises the session to aal2
 * where the project requires it, and a passkey signs in without a password.
 */
class EndUserFactorsSystemTests {

	private static final String PASSWORD = "correct horse battery staple";

	private static final String SITE = "https://app.example";

	private final Api api = Api.gateway();

	private String publishableKey;

	private String secretKey;

	@BeforeEach
	void project() {
		String admin = this.api.adminToken();
		String projectId = this.api.createProject(admin, "Factors", List.of());
		this.publishableKey = this.api.createKey(admin, projectId, "publishable").string("key");
		this.secretKey = this.api.createKey(admin, projectId, "secret").string("key");
		this.api.call("PATCH", "/auth/v1/admin/settings")
			.apikey(this.secretKey)
			.json(Map.of("siteUrl", SITE + "/auth"))
			.send()
			.expectStatus(200);
	}

	@Test
	void aTotpCodeOpensAProjectThatRequiresMfa() throws Exception {
		String email = "mfa-" + System.nanoTime() + "@system.test";
		String token = signUp(email).string("accessToken");
		Response enrolled = this.api.post("/auth/v1/factors").apikey(this.publishableKey).bearer(token).send();
		enrolled.expectStatus(201);
		@SuppressWarnings("unchecked")
		String factorId = ((Map<String, Object>) enrolled.json().get("factor")).get("id").toString();
		byte[] secret = new Base32().decode(enrolled.string("secret"));
		verify(token, factorId, code(secret, 0)).expectStatus(200);
		this.api.call("PATCH", "/auth/v1/admin/settings")
			.apikey(this.secretKey)
			.json(Map.of("mfaRequired", true))
			.send()
			.expectStatus(200);

		String oneFactor = this.api.post("/auth/v1/token?grant_type=password")
			.apikey(this.publishableKey)
			.json(Map.of("email", email, "password", PASSWORD))
			.send()
			.expectStatus(200)
			.string("accessToken");
		Response refused = this.api.get("/auth/v1/user").apikey(this.publishableKey).bearer(oneFactor).send();
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.code()).isEqualTo("auth.mfa_required");
		Response wrong = verify(oneFactor, factorId, "000000".equals(code(secret, 1)) ? "111111" : "000000");
		assertThat(wrong.code()).isEqualTo("auth.mfa_code_invalid");
		// The gateway learns of the setting with the key's next resolution (within 5 s).
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Response elsewhere = this.api.get("/storage/v1/object/photos/a.png")
				.apikey(this.publishableKey)
				.bearer(oneFactor)
				.send();
			assertThat(elsewhere.status()).isEqualTo(403);
			assertThat(elsewhere.code()).isEqualTo("gateway.mfa_required");
		});
		String twoFactors = verify(oneFactor, factorId, code(secret, 1)).expectStatus(200).string("accessToken");
		this.api.get("/auth/v1/user").apikey(this.publishableKey).bearer(twoFactors).send().expectStatus(200);
		Response reached = this.api.get("/storage/v1/object/photos/a.png")
			.apikey(this.publishableKey)
			.bearer(twoFactors)
			.send();
		assertThat(reached.code()).as("the storage service answers").isEqualTo("storage.bucket_not_found");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aPasskeySignsInWithoutAPassword() {
		Response signedUp = signUp("passkey-" + System.nanoTime() + "@system.test");
		String token = signedUp.string("accessToken");
		ClientPlatform authenticator = EmulatorUtil.createClientPlatform(new PackedAuthenticator());
		authenticator.setOrigin(new Origin(SITE));

		Response options = this.api.post("/auth/v1/passkeys/register/options")
			.apikey(this.publishableKey)
			.bearer(token)
			.send()
			.expectStatus(200);
		Map<String, Object> publicKey = (Map<String, Object>) options.json().get("publicKey");
		Map<String, Object> user = (Map<String, Object>) publicKey.get("user");
		PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput> created = authenticator
			.create(new PublicKeyCredentialCreationOptions(new PublicKeyCredentialRpEntity("app.example", "app"),
					new PublicKeyCredentialUserEntity(
							decode(user.get("id")), (String) user.get("name"), (String) user.get("name")),
					new DefaultChallenge(decode(publicKey.get("challenge"))),
					List.of(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
							COSEAlgorithmIdentifier.ES256)),
					60_000L, List.of(), new AuthenticatorSelectionCriteria(null, ResidentKeyRequirement.REQUIRED,
							UserVerificationRequirement.PREFERRED),
					AttestationConveyancePreference.NONE, null));
		this.api.post("/auth/v1/passkeys/register")
			.apikey(this.publishableKey)
			.bearer(token)
			.json(Map.of("challengeId", options.string("challengeId"), "clientDataJSON",
					encode(created.getResponse().getClientDataJSON()), "attestationObject",
					encode(created.getResponse().getAttestationObject())))
			.send()
			.expectStatus(201);

		Response signIn = this.api.post("/auth/v1/passkeys/authenticate/options")
			.apikey(this.publishableKey)
			.send()
			.expectStatus(200);
		Map<String, Object> request = (Map<String, Object>) signIn.json().get("publicKey");
		PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> asserted = authenticator
			.get(new PublicKeyCredentialRequestOptions(new DefaultChallenge(decode(request.get("challenge"))), 60_000L,
					(String) request.get("rpId"), null, UserVerificationRequirement.PREFERRED, null));
		Map<String, Object> passkey = new HashMap<>();
		passkey.put("challengeId", signIn.string("challengeId"));
		passkey.put("credentialId", encode(asserted.getRawId()));
		passkey.put("clientDataJSON", encode(asserted.getResponse().getClientDataJSON()));
		passkey.put("authenticatorData", encode(asserted.getResponse().getAuthenticatorData()));
		passkey.put("signature", encode(asserted.getResponse().getSignature()));
		Response signedIn = this.api.post("/auth/v1/token?grant_type=passkey")
			.apikey(this.publishableKey)
			.json(Map.of("passkey", passkey))
			.send()
			.expectStatus(200);
		assertThat(((Map<String, Object>) signedIn.json().get("user")).get("id"))
			.isEqualTo(((Map<String, Object>) signedUp.json().get("user")).get("id"));
	}

	private Response signUp(String email) {
		return this.api.post("/auth/v1/signup")
			.apikey(this.publishableKey)
			.json(Map.of("email", email, "password", PASSWORD))
			.send()
			.expectStatus(200);
	}

	private Response verify(String token, String factorId, String code) {
		return this.api.post("/auth/v1/factors/" + factorId + "/verify")
			.apikey(this.publishableKey)
			.bearer(token)
			.json(Map.of("code", code))
			.send();
	}

	private static String code(byte[] secret, int steps) throws Exception {
		TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
		return totp.generateOneTimePasswordString(new SecretKeySpec(secret, "HmacSHA1"),
				Instant.now().plus(totp.getTimeStep().multipliedBy(steps)));
	}

	private static byte[] decode(Object value) {
		return Base64.getUrlDecoder().decode((String) value);
	}

	private static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
