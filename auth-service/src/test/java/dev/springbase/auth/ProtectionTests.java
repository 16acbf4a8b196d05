package dev.springbase.auth;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"springbase.auth.protection.account.free-attempts=3", "springbase.auth.protection.account.first-delay=20s",
		"springbase.auth.protection.address.free-attempts=6", "springbase.auth.protection.address.first-delay=30s" })
class ProtectionTests extends AuthServiceTests {

	@Test
	void failedSignInsPerAccountWaitLongerAndLonger() {
		EndUsers users = EndUsers.newProject(this.api, "throttle-owner@test.local");
		users.newUser("target@example.com");
		for (int i = 0; i < 3; i++) {
			users.address = "192.0.2." + i;
			assertThat(users.signIn("target@example.com", "wrong guess " + i).code())
				.isEqualTo("auth.invalid_credentials");
		}
		users.address = "192.0.2.10";
		Reply blocked = users.signIn("target@example.com", EndUsers.PASSWORD);
		assertThat(blocked.status()).isEqualTo(429);
		assertThat(blocked.code()).isEqualTo("auth.too_many_attempts");
		assertThat(blocked.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("20");
		assertThat(blocked.headers().getContentType()).hasToString("application/problem+json");

		// Other accounts are not held up by this one.
		users.newUser("bystander@example.com");
		assertThat(users.signIn("bystander@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void aRightPasswordForgetsTheAccountsFailures() {
		EndUsers users = EndUsers.newProject(this.api, "forget-owner@test.local");
		users.newUser("forgetful@example.com");
		for (int i = 0; i < 2; i++) {
			users.address = "192.0.2." + (40 + i);
			assertThat(users.signIn("forgetful@example.com", "wrong guess " + i).status()).isEqualTo(401);
		}
		assertThat(users.signIn("forgetful@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
		// Counted on from two, the third failure would block the account.
		for (int i = 0; i < 2; i++) {
			users.address = "192.0.2." + (50 + i);
			assertThat(users.signIn("forgetful@example.com", "another guess " + i).status()).isEqualTo(401);
		}
		assertThat(users.signIn("forgetful@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void aRightPasswordForgetsTheFailuresEvenWhenTheEmailIsNotConfirmedYet() {
		EndUsers users = EndUsers.newProject(this.api, "unconfirmed-owner@test.local");
		assertThat(users.admin(HttpMethod.PATCH, "/settings", Map.of("emailConfirmationRequired", true)).status())
			.isEqualTo(200);
		assertThat(users.signUp("pending@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < 2; i++) {
				users.address = "192.0.2." + (60 + round * 2 + i);
				assertThat(users.signIn("pending@example.com", "wrong guess " + i).status()).isEqualTo(401);
			}
			Reply unconfirmed = users.signIn("pending@example.com", EndUsers.PASSWORD);
			assertThat(unconfirmed.status()).isEqualTo(403);
			assertThat(unconfirmed.code()).isEqualTo("auth.email_not_confirmed");
		}
	}

	@Test
	void unknownEmailsAreThrottledLikeKnownOnes() {
		EndUsers users = EndUsers.newProject(this.api, "unknown-owner@test.local");
		for (int i = 0; i < 3; i++) {
			users.address = "192.0.2." + (20 + i);
			assertThat(users.signIn("ghost@example.com", "guess " + i).status()).isEqualTo(401);
		}
		Reply blocked = users.signIn("ghost@example.com", "guess");
		assertThat(blocked.status()).isEqualTo(429);
		assertThat(blocked.code()).isEqualTo("auth.too_many_attempts");
	}

	@Test
	void oneAddressSprayingManyAccountsIsThrottled() {
		EndUsers users = EndUsers.newProject(this.api, "spray-owner@test.local");
		users.address = "192.0.2.99";
		for (int i = 0; i < 6; i++) {
			assertThat(users.signIn("victim" + i + "@example.com", "Summer2024!").status()).isEqualTo(401);
		}
		Reply blocked = users.signIn("victim7@example.com", "Summer2024!");
		assertThat(blocked.status()).isEqualTo(429);
		assertThat(blocked.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
		users.address = "192.0.2.100";
		assertThat(users.signIn("victim7@example.com", "Summer2024!").status()).isEqualTo(401);
	}

	@Test
	void signUpsFromOneAddressAreThrottled() {
		EndUsers users = EndUsers.newProject(this.api, "signup-flood-owner@test.local");
		users.address = "192.0.2.150";
		for (int i = 0; i < 6; i++) {
			assertThat(users.signUpAnonymously().status()).isEqualTo(200);
		}
		Reply blocked = users.signUpAnonymously();
		assertThat(blocked.status()).isEqualTo(429);
		assertThat(blocked.body()).containsEntry("retryAfter", 30);
		Reply withEmail = users.signUp("late@example.com", EndUsers.PASSWORD);
		assertThat(withEmail.status()).isEqualTo(429);
		Map<String, Object> problem = withEmail.body();
		assertThat(problem).containsKeys("code", "detail", "status");
	}

	@Test
	void codeGuessesAndResetRequestsAreThrottledPerAccount() {
		EndUsers users = EndUsers.newProject(this.api, "codes-owner@test.local");
		users.newUser("coded@example.com");
		for (int i = 0; i < 3; i++) {
			users.address = "192.0.2." + (200 + i);
			Reply guess = users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken,
					Map.of("type", "magiclink", "email", "coded@example.com", "code", "12345" + i));
			assertThat(guess.code()).isEqualTo("auth.code_invalid");
		}
		Reply blocked = users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken,
				Map.of("type", "magiclink", "email", "coded@example.com", "code", "123459"));
		assertThat(blocked.status()).isEqualTo(429);

		for (int i = 0; i < 3; i++) {
			users.address = "192.0.2." + (210 + i);
			assertThat(users
				.call(HttpMethod.POST, "/auth/v1/recover", users.anonToken, Map.of("email", "coded@example.com"))
				.status()).isEqualTo(202);
		}
		Reply tooMany = users.call(HttpMethod.POST, "/auth/v1/recover", users.anonToken,
				Map.of("email", "coded@example.com"));
		assertThat(tooMany.status()).isEqualTo(429);
		assertThat(tooMany.headers().getFirst(HttpHeaders.RETRY_AFTER)).isNotNull();
	}

}
