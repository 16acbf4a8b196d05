package dev.springbase.auth;

import java.util.Map;

import com.webauthn4j.data.UserVerificationRequirement;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import dev.springbase.auth.TestApi.Reply;
import dev.springbase.testsupport.passkeys.SoftwarePasskey;

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
		SoftwarePasskey authenticator = new SoftwarePasskey(SITE);
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
		SoftwarePasskey authenticator = new SoftwarePasskey(SITE);
		assertThat(register(users, users.newUser("careful@example.com").string("accessToken"), authenticator, null)
			.status()).isEqualTo(201);

		Reply options = users.call(HttpMethod.POST, "/auth/v1/passkeys/authenticate/options", users.anonToken, null);
		Map<String, Object> assertion = authenticator.assertion(options.body());
		assertThat(users
			.call(HttpMethod.POST, "/auth/v1/token?grant_type=passkey", users.anonToken, Map.of("passkey", assertion))
			.status()).isEqualTo(200);
		Reply replayed = users.call(HttpMethod.POST, "/auth/v1/token?grant_type=passkey", users.anonToken,
				Map.of("passkey", assertion));
		assertThat(replayed.status()).isEqualTo(401);
		assertThat(replayed.code()).isEqualTo("auth.passkey_challenge_invalid");

		authenticator.origin("https://phishing.example");
		Reply phished = signIn(users, authenticator);
		assertThat(phished.status()).isEqualTo(401);
		assertThat(phished.code()).isEqualTo("auth.passkey_rejected");
		authenticator.origin(SITE);

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
		SoftwarePasskey authenticator = new SoftwarePasskey(SITE);
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
				authenticator.assertion(options.body()));
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
		SoftwarePasskey myAuthenticator = new SoftwarePasskey(SITE);
		SoftwarePasskey theirAuthenticator = new SoftwarePasskey(SITE);
		assertThat(register(users, mine, myAuthenticator, null).status()).isEqualTo(201);
		assertThat(register(users, theirs, theirAuthenticator, null).status()).isEqualTo(201);

		Reply options = users.call(HttpMethod.POST, "/auth/v1/passkeys/verify/options", mine, null);
		Reply foreign = users.call(HttpMethod.POST, "/auth/v1/passkeys/verify", mine,
				theirAuthenticator.assertion(options.body()));
		assertThat(foreign.status()).isEqualTo(401);
		assertThat(foreign.code()).isEqualTo("auth.passkey_rejected");

		Reply unverifiedUser = users.call(HttpMethod.POST, "/auth/v1/passkeys/verify", mine,
				myAuthenticator.assertion(
						users.call(HttpMethod.POST, "/auth/v1/passkeys/verify/options", mine, null).body(),
						UserVerificationRequirement.DISCOURAGED));
		assertThat(unverifiedUser.code()).as("the authenticator must verify the user")
			.isEqualTo("auth.passkey_rejected");

		Reply fresh = users.call(HttpMethod.POST, "/auth/v1/passkeys/verify/options", mine, null);
		Map<String, Object> assertion = myAuthenticator.assertion(fresh.body());
		assertThat(users.call(HttpMethod.POST, "/auth/v1/passkeys/verify", mine, assertion).status()).isEqualTo(200);
		Reply replayed = users.call(HttpMethod.POST, "/auth/v1/passkeys/verify", mine, assertion);
		assertThat(replayed.code()).isEqualTo("auth.passkey_challenge_invalid");
		Reply withOthersChallenge = users.call(HttpMethod.POST, "/auth/v1/passkeys/verify", theirs, theirAuthenticator
			.assertion(users.call(HttpMethod.POST, "/auth/v1/passkeys/verify/options", mine, null).body()));
		assertThat(withOthersChallenge.code()).as("a challenge is bound to its user")
			.isEqualTo("auth.passkey_challenge_invalid");
	}

	private static Reply register(EndUsers users, String token, SoftwarePasskey authenticator, String name) {
		Reply options = users.call(HttpMethod.POST, "/auth/v1/passkeys/register/options", token, null);
		assertThat(options.status()).as("%s", options.body()).isEqualTo(200);
		Map<String, Object> body = authenticator.register(options.body());
		if (name != null) {
			body.put("name", name);
		}
		return users.call(HttpMethod.POST, "/auth/v1/passkeys/register", token, body);
	}

	private static Reply signIn(EndUsers users, SoftwarePasskey authenticator) {
		Reply options = users.call(HttpMethod.POST, "/auth/v1/passkeys/authenticate/options", users.anonToken, null);
		assertThat(options.status()).isEqualTo(200);
		return users.call(HttpMethod.POST, "/auth/v1/token?grant_type=passkey", users.anonToken,
				Map.of("passkey", authenticator.assertion(options.body())));
	}

}
