package dev.springbase.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/** TOTP factors, computed here as an authenticator app would from the otpauth secret. */
class MfaTests extends AuthServiceTests {

	private static final TimeBasedOneTimePasswordGenerator TOTP = new TimeBasedOneTimePasswordGenerator();

	@Test
	void enrolsVerifiesAndRaisesTheSessionToAal2() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "mfa-owner@test.local");
		String token = users.newUser("mfa@example.com").string("accessToken");
		Reply enrolled = users.call(HttpMethod.POST, "/auth/v1/factors", token, Map.of("friendlyName", "phone"));
		assertThat(enrolled.status()).isEqualTo(201);
		String secret = enrolled.string("secret");
		assertThat(enrolled.string("uri")).isEqualTo("otpauth://totp/Springbase:mfa%40example.com?secret=" + secret
				+ "&issuer=Springbase&algorithm=SHA1&digits=6&period=30");
		@SuppressWarnings("unchecked")
		String factorId = (String) ((Map<String, Object>) enrolled.body().get("factor")).get("id");

		Reply wrong = verify(users, token, factorId, "000000".equals(code(secret, 0)) ? "111111" : "000000");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.code()).isEqualTo("auth.mfa_code_invalid");

		String code = code(secret, 0);
		Reply verified = verify(users, token, factorId, code);
		assertThat(verified.status()).isEqualTo(200);
		@SuppressWarnings("unchecked")
		List<String> recoveryCodes = (List<String>) verified.body().get("recoveryCodes");
		assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
		Map<String, Object> claims = TestApi.claims(verified.string("accessToken"));
		assertThat(claims).containsEntry("aal", "aal2")
			.containsEntry("session_id", TestApi.claims(token).get("session_id"));
		Reply replayed = verify(users, verified.string("accessToken"), factorId, code);
		assertThat(replayed.code()).isEqualTo("auth.mfa_code_invalid");

		Reply refreshed = users.refresh(verified.string("refreshToken"));
		assertThat(TestApi.claims(refreshed.string("accessToken"))).containsEntry("aal", "aal2");
		Reply listed = users.call(HttpMethod.GET, "/auth/v1/factors", refreshed.string("accessToken"), null);
		assertThat(listed.items()).singleElement()
			.satisfies((factor) -> assertThat(factor).containsEntry("id", factorId)
				.containsEntry("verified", true)
				.containsEntry("friendlyName", "phone")
				.doesNotContainKey("secret"));
	}

	@Test
	void aProjectRequiringMfaRefusesOneFactorTokensUntilACodeOrRecoveryCodeIsGiven() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "mfa-required-owner@test.local");
		String token = users.newUser("strict@example.com").string("accessToken");
		Reply enrolled = users.call(HttpMethod.POST, "/auth/v1/factors", token, null);
		@SuppressWarnings("unchecked")
		String factorId = (String) ((Map<String, Object>) enrolled.body().get("factor")).get("id");
		String secret = enrolled.string("secret");
		@SuppressWarnings("unchecked")
		List<String> recoveryCodes = (List<String>) verify(users, token, factorId, code(secret, 0)).body()
			.get("recoveryCodes");
		assertThat(users.admin(HttpMethod.PATCH, "/settings", Map.of("mfaRequired", true)).status()).isEqualTo(200);

		Reply signedIn = users.signIn("strict@example.com", EndUsers.PASSWORD);
		String aal1 = signedIn.string("accessToken");
		assertThat(TestApi.claims(aal1)).containsEntry("aal", "aal1");
		Reply refused = users.call(HttpMethod.GET, "/auth/v1/user", aal1, null);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.code()).isEqualTo("auth.mfa_required");
		Reply deleteWithOneFactor = users.call(HttpMethod.DELETE, "/auth/v1/factors/" + factorId, aal1, null);
		assertThat(deleteWithOneFactor.code()).isEqualTo("auth.aal2_required");

		// The code of the current step was spent above; the next step's is accepted.
		Reply raised = verify(users, aal1, factorId, code(secret, 1));
		assertThat(raised.status()).isEqualTo(200);
		assertThat(raised.body().get("recoveryCodes")).isEqualTo(List.of());
		assertThat(users.call(HttpMethod.GET, "/auth/v1/user", raised.string("accessToken"), null).status())
			.isEqualTo(200);

		String other = users.signIn("strict@example.com", EndUsers.PASSWORD).string("accessToken");
		Reply recovered = users.call(HttpMethod.POST, "/auth/v1/factors/recover", other,
				Map.of("code", recoveryCodes.getFirst()));
		assertThat(recovered.status()).isEqualTo(200);
		assertThat(TestApi.claims(recovered.string("accessToken"))).containsEntry("aal", "aal2");
		String third = users.signIn("strict@example.com", EndUsers.PASSWORD).string("accessToken");
		Reply spent = users.call(HttpMethod.POST, "/auth/v1/factors/recover", third,
				Map.of("code", recoveryCodes.getFirst()));
		assertThat(spent.status()).isEqualTo(401);
		assertThat(spent.code()).isEqualTo("auth.recovery_code_invalid");

		assertThat(users.call(HttpMethod.DELETE, "/auth/v1/factors/" + factorId, raised.string("accessToken"), null)
			.status()).isEqualTo(204);
	}

	@Test
	void factorsOfAnotherUserAreNotFound() {
		EndUsers users = EndUsers.newProject(this.api, "mfa-other-owner@test.local");
		String alice = users.newUser("alice-mfa@example.com").string("accessToken");
		String bob = users.newUser("bob-mfa@example.com").string("accessToken");
		Reply enrolled = users.call(HttpMethod.POST, "/auth/v1/factors", alice, null);
		@SuppressWarnings("unchecked")
		String factorId = (String) ((Map<String, Object>) enrolled.body().get("factor")).get("id");
		Reply byBob = verify(users, bob, factorId, "123456");
		assertThat(byBob.status()).isEqualTo(404);
		assertThat(byBob.code()).isEqualTo("auth.factor_not_found");
		Reply byKey = users.call(HttpMethod.POST, "/auth/v1/factors", users.anonToken, null);
		assertThat(byKey.status()).isEqualTo(403);
	}

	private static Reply verify(EndUsers users, String token, String factorId, String code) {
		return users.call(HttpMethod.POST, "/auth/v1/factors/" + factorId + "/verify", token, Map.of("code", code));
	}

	/** The authenticator app's code, {@code steps} time steps from now. */
	private static String code(String secret, int steps) throws Exception {
		byte[] key = new Base32().decode(secret);
		return TOTP.generateOneTimePasswordString(new SecretKeySpec(key, "HmacSHA1"),
				Instant.now().plus(TOTP.getTimeStep().multipliedBy(steps)));
	}

}
