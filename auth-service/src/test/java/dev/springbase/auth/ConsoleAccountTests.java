package dev.springbase.auth;

import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleAccountTests extends AuthServiceTests {

	@Test
	void bootstrapsAdminFromConfigurationAndSignsIn() {
		Reply login = this.api.post("/auth/v1/console/login", null,
				Map.of("email", "Admin@Test.local", "password", TestApi.ADMIN_PASSWORD));
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.body()).containsEntry("tokenType", "bearer").containsEntry("expiresIn", 3600);
		assertThat(login.body().get("account")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("email", TestApi.ADMIN_EMAIL)
			.containsEntry("admin", true);
		Map<String, Object> claims = TestApi.claims(login.string("accessToken"));
		assertThat(claims).containsEntry("kind", "account")
			.containsEntry("role", "account")
			.containsEntry("email", TestApi.ADMIN_EMAIL)
			.containsEntry("admin", true)
			.containsEntry("iss", "http://localhost:8080/auth/v1")
			.doesNotContainKey("project");

		Reply me = this.api.get("/auth/v1/console/me", login.string("accessToken"));
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.body()).containsEntry("email", TestApi.ADMIN_EMAIL).containsEntry("admin", true);
		assertThat(me.string("id")).isEqualTo(claims.get("sub"));
	}

	@Test
	void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
		Reply wrongPassword = this.api.post("/auth/v1/console/login", null,
				Map.of("email", TestApi.ADMIN_EMAIL, "password", "not-the-password"));
		Reply unknownEmail = this.api.post("/auth/v1/console/login", null,
				Map.of("email", "nobody@test.local", "password", "not-the-password"));
		assertThat(wrongPassword.status()).isEqualTo(401);
		assertThat(wrongPassword.code()).isEqualTo("auth.invalid_credentials");
		assertThat(unknownEmail.status()).isEqualTo(401);
		assertThat(unknownEmail.code()).isEqualTo("auth.invalid_credentials");
		assertThat(unknownEmail.string("detail")).isEqualTo(wrongPassword.string("detail"));
	}

	@Test
	void adminCreatesAccountsThatCanSignIn() {
		Reply created = this.api.post("/auth/v1/console/accounts", this.api.adminToken(),
				Map.of("email", "dev@test.local", "password", TestApi.PASSWORD));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.headers().getLocation()).hasToString("/auth/v1/console/accounts/" + created.string("id"));
		assertThat(created.body()).containsEntry("email", "dev@test.local").containsEntry("admin", false);

		String token = this.api.login("dev@test.local", TestApi.PASSWORD);
		assertThat(TestApi.claims(token)).containsEntry("admin", false);
		assertThat(this.api.get("/auth/v1/console/me", token).body()).containsEntry("email", "dev@test.local");
	}

	@Test
	void refusesDuplicateEmail() {
		this.api.newAccount("twice@test.local");
		Reply again = this.api.post("/auth/v1/console/accounts", this.api.adminToken(),
				Map.of("email", "TWICE@test.local", "password", TestApi.PASSWORD));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("auth.account_exists");
	}

	@Test
	void onlyAdminsCreateAccounts() {
		String token = this.api.newAccount("plain@test.local");
		Reply refused = this.api.post("/auth/v1/console/accounts", token,
				Map.of("email", "other@test.local", "password", TestApi.PASSWORD));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.code()).isEqualTo("auth.admin_required");

		Reply anonymous = this.api.post("/auth/v1/console/accounts", null,
				Map.of("email", "other@test.local", "password", TestApi.PASSWORD));
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.code()).isEqualTo("auth.unauthenticated");
	}

	@Test
	void refusesBadInput() {
		Reply malformed = this.api.post("/auth/v1/console/login", null, "{\"email\": ");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.code()).isEqualTo("request.malformed_body");

		Reply missing = this.api.post("/auth/v1/console/login", null, Map.of("email", TestApi.ADMIN_EMAIL));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.code()).isEqualTo("request.validation_failed");
		assertThat(missing.errors()).extracting((error) -> error.get("field")).containsExactly("password");

		Reply shortPassword = this.api.post("/auth/v1/console/accounts", this.api.adminToken(),
				Map.of("email", "not-an-email", "password", "short"));
		assertThat(shortPassword.status()).isEqualTo(400);
		assertThat(shortPassword.errors()).extracting((error) -> error.get("field"))
			.containsExactlyInAnyOrder("email", "password");
	}

}
