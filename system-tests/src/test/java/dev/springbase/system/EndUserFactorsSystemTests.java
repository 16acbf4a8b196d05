package dev.springbase.system;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.springbase.system.Api.Response;
import dev.springbase.testsupport.passkeys.SoftwarePasskey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Second factors and passkeys through the gateway: a TOTP code, a recovery code or a
 * passkey raises the session to aal2 where the project requires it, and a passkey signs
 * in without a password. The passkeys come from webauthn4j's software authenticator: real
 * attestations and signatures.
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
	@SuppressWarnings("unchecked")
	void aTotpCodeOrARecoveryCodeOpensAProjectThatRequiresMfa() throws Exception {
		String email = "mfa-" + System.nanoTime() + "@system.test";
		String token = signUp(email).string("accessToken");
		Response enrolled = this.api.post("/auth/v1/factors").apikey(this.publishableKey).bearer(token).send();
		enrolled.expectStatus(201);
		String factorId = enrolled.object("factor").get("id").toString();
		byte[] secret = new Base32().decode(enrolled.string("secret"));
		List<String> recoveryCodes = (List<String>) verify(token, factorId, code(secret, 0)).expectStatus(200)
			.json()
			.get("recoveryCodes");
		assertThat(recoveryCodes).hasSize(10);
		requireMfa();

		String oneFactor = signIn(email);
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

		String lostPhone = signIn(email);
		String recovered = recover(lostPhone, recoveryCodes.getFirst()).expectStatus(200).string("accessToken");
		this.api.get("/auth/v1/user").apikey(this.publishableKey).bearer(recovered).send().expectStatus(200);
		Response spent = recover(signIn(email), recoveryCodes.getFirst());
		assertThat(spent.status()).isEqualTo(401);
		assertThat(spent.code()).isEqualTo("auth.recovery_code_invalid");
	}

	@Test
	void aPasskeySignsInWithoutAPasswordAndIsListedRenamedAndRemoved() {
		Response signedUp = signUp("passkey-" + System.nanoTime() + "@system.test");
		String token = signedUp.string("accessToken");
		SoftwarePasskey authenticator = new SoftwarePasskey(SITE);
		String passkeyId = register(token, authenticator).string("id");

		Response signedIn = signInWithPasskey(authenticator).expectStatus(200);
		assertThat(signedIn.object("user").get("id")).isEqualTo(signedUp.object("user").get("id"));
		String passkeyToken = signedIn.string("accessToken");
		assertThat(this.api.get("/auth/v1/passkeys")
			.apikey(this.publishableKey)
			.bearer(passkeyToken)
			.send()
			.expectStatus(200)
			.items()).singleElement().satisfies((passkey) -> assertThat(passkey.get("lastUsedAt")).isNotNull());
		this.api.call("PATCH", "/auth/v1/passkeys/" + passkeyId)
			.apikey(this.publishableKey)
			.bearer(passkeyToken)
			.json(Map.of("name", "Work laptop"))
			.send()
			.expectStatus(204);
		assertThat(this.api.get("/auth/v1/passkeys")
			.apikey(this.publishableKey)
			.bearer(passkeyToken)
			.send()
			.items()
			.getFirst()).containsEntry("name", "Work laptop");

		this.api.call("DELETE", "/auth/v1/passkeys/" + passkeyId)
			.apikey(this.publishableKey)
			.bearer(passkeyToken)
			.send()
			.expectStatus(204);
		Response removed = signInWithPasskey(authenticator);
		assertThat(removed.status()).isEqualTo(401);
		assertThat(removed.code()).isEqualTo("auth.passkey_rejected");
	}

	@Test
	void aPasskeyIsTheSecondFactorWhereTheProjectRequiresMfa() {
		String email = "passkey-mfa-" + System.nanoTime() + "@system.test";
		String token = signUp(email).string("accessToken");
		Response beforeRegistering = passkeyVerifyOptions(token);
		assertThat(beforeRegistering.status()).isEqualTo(400);
		assertThat(beforeRegistering.code()).isEqualTo("auth.passkey_none_registered");
		SoftwarePasskey authenticator = new SoftwarePasskey(SITE);
		register(token, authenticator);
		SoftwarePasskey strangers = new SoftwarePasskey(SITE);
		register(signUp("stranger-" + System.nanoTime() + "@system.test").string("accessToken"), strangers);
		requireMfa();

		String oneFactor = signIn(email);
		assertThat(this.api.get("/auth/v1/user").apikey(this.publishableKey).bearer(oneFactor).send().code())
			.isEqualTo("auth.mfa_required");
		Response options = passkeyVerifyOptions(oneFactor).expectStatus(200);
		Map<String, Object> assertion = authenticator.assertion(options.json());
		Response verified = this.api.post("/auth/v1/passkeys/verify")
			.apikey(this.publishableKey)
			.bearer(oneFactor)
			.json(assertion)
			.send()
			.expectStatus(200);
		String twoFactors = verified.string("accessToken");
		this.api.get("/auth/v1/user").apikey(this.publishableKey).bearer(twoFactors).send().expectStatus(200);
		Response reached = this.api.get("/storage/v1/object/photos/a.png")
			.apikey(this.publishableKey)
			.bearer(twoFactors)
			.send();
		assertThat(reached.code()).as("the storage service answers").isEqualTo("storage.bucket_not_found");

		Response replayed = this.api.post("/auth/v1/passkeys/verify")
			.apikey(this.publishableKey)
			.bearer(oneFactor)
			.json(assertion)
			.send();
		assertThat(replayed.status()).isEqualTo(401);
		assertThat(replayed.code()).isEqualTo("auth.passkey_challenge_invalid");
		Response foreign = this.api.post("/auth/v1/passkeys/verify")
			.apikey(this.publishableKey)
			.bearer(oneFactor)
			.json(strangers.assertion(passkeyVerifyOptions(oneFactor).json()))
			.send();
		assertThat(foreign.status()).as("a passkey the user did not register").isEqualTo(401);
		assertThat(foreign.code()).isEqualTo("auth.passkey_rejected");
	}

	/** Registers a new passkey of the authenticator for the signed-in user. */
	private Response register(String token, SoftwarePasskey authenticator) {
		Response options = this.api.post("/auth/v1/passkeys/register/options")
			.apikey(this.publishableKey)
			.bearer(token)
			.send()
			.expectStatus(200);
		return this.api.post("/auth/v1/passkeys/register")
			.apikey(this.publishableKey)
			.bearer(token)
			.json(authenticator.register(options.json()))
			.send()
			.expectStatus(201);
	}

	private Response signInWithPasskey(SoftwarePasskey authenticator) {
		Response options = this.api.post("/auth/v1/passkeys/authenticate/options")
			.apikey(this.publishableKey)
			.send()
			.expectStatus(200);
		return this.api.post("/auth/v1/token?grant_type=passkey")
			.apikey(this.publishableKey)
			.json(Map.of("passkey", authenticator.assertion(options.json())))
			.send();
	}

	private Response passkeyVerifyOptions(String token) {
		return this.api.post("/auth/v1/passkeys/verify/options").apikey(this.publishableKey).bearer(token).send();
	}

	private void requireMfa() {
		this.api.call("PATCH", "/auth/v1/admin/settings")
			.apikey(this.secretKey)
			.json(Map.of("mfaRequired", true))
			.send()
			.expectStatus(200);
	}

	private String signIn(String email) {
		return this.api.post("/auth/v1/token?grant_type=password")
			.apikey(this.publishableKey)
			.json(Map.of("email", email, "password", PASSWORD))
			.send()
			.expectStatus(200)
			.string("accessToken");
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

	private Response recover(String token, String recoveryCode) {
		return this.api.post("/auth/v1/factors/recover")
			.apikey(this.publishableKey)
			.bearer(token)
			.json(Map.of("code", recoveryCode))
			.send();
	}

	private static String code(byte[] secret, int steps) throws Exception {
		TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
		return totp.generateOneTimePasswordString(new SecretKeySpec(secret, "HmacSHA1"),
				Instant.now().plus(totp.getTimeStep().multipliedBy(steps)));
	}

}
