package dev.springbase.auth;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.client.RestClient;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmailPasswordTests extends AuthServiceTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void signsUpSignsInAndSignsOut() {
		EndUsers users = EndUsers.newProject(this.api, "signup-owner@test.local");
		Reply signedUp = users.signUp("Ada@Example.com", EndUsers.PASSWORD);
		assertThat(signedUp.status()).isEqualTo(200);
		assertThat(signedUp.body()).containsEntry("tokenType", "bearer").containsEntry("expiresIn", 900);
		assertThat(signedUp.string("refreshToken")).startsWith("sbr_");
		@SuppressWarnings("unchecked")
		Map<String, Object> user = (Map<String, Object>) signedUp.body().get("user");
		assertThat(user).containsEntry("email", "ada@example.com")
			.containsEntry("anonymous", false)
			.doesNotContainKeys("passwordHash", "password");

		Reply signedIn = users.signIn("ada@example.com", EndUsers.PASSWORD);
		assertThat(signedIn.status()).isEqualTo(200);
		String accessToken = signedIn.string("accessToken");
		assertThat(EndUsers.userId(signedIn)).isEqualTo(user.get("id"));
		Reply me = users.call(HttpMethod.GET, "/auth/v1/user", accessToken, null);
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.body()).containsEntry("id", user.get("id")).containsEntry("email", "ada@example.com");
		assertThat(me.string("lastSignInAt")).isNotNull();

		assertThat(users.call(HttpMethod.POST, "/auth/v1/logout", accessToken, null).status()).isEqualTo(204);
		Reply afterLogout = users.call(HttpMethod.GET, "/auth/v1/user", accessToken, null);
		assertThat(afterLogout.status()).isEqualTo(401);
		assertThat(afterLogout.code()).isEqualTo("auth.session_revoked");
		Reply refresh = users.refresh(signedIn.string("refreshToken"));
		assertThat(refresh.status()).isEqualTo(401);
		assertThat(refresh.code()).isEqualTo("auth.invalid_refresh_token");
	}

	@Test
	@SuppressWarnings("unchecked")
	void theApiDescriptionNamesBothAnswersOfSignUp() {
		Reply docs = this.api.get("/v3/api-docs", null);
		assertThat(docs.status()).isEqualTo(200);
		Map<String, Object> paths = (Map<String, Object>) docs.body().get("paths");
		assertThat(paths.get("/auth/v1/signup")).extracting("post.responses.200.content")
			.asString()
			.contains("#/components/schemas/TokenResponse", "#/components/schemas/ConfirmationPending");
		assertThat(paths.get("/auth/v1/signup")).extracting("post.description")
			.asString()
			.contains("`confirmationRequired: true`");
		Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) docs.body().get("components"))
			.get("schemas");
		assertThat(schemas.get("ConfirmationPending")).extracting("description")
			.asString()
			.contains("requires confirmed addresses");
		assertThat(schemas.get("UserView")).extracting("properties")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsKeys("newEmail", "emailChangeSentAt", "emailChangeAwaiting");
	}

	@Test
	void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
		EndUsers users = EndUsers.newProject(this.api, "wrong-owner@test.local");
		users.newUser("bob@example.com");
		Reply wrongPassword = users.signIn("bob@example.com", "not the password at all");
		Reply unknownEmail = users.signIn("nobody@example.com", EndUsers.PASSWORD);
		assertThat(wrongPassword.status()).isEqualTo(401);
		assertThat(unknownEmail.status()).isEqualTo(401);
		assertThat(wrongPassword.code()).isEqualTo("auth.invalid_credentials");
		assertThat(unknownEmail.body()).containsEntry("code", wrongPassword.code())
			.containsEntry("detail", wrongPassword.body().get("detail"));
		assertThat(wrongPassword.headers().getContentType()).hasToString("application/problem+json");
	}

	@Test
	void refusesDuplicateEmailAndIncompleteSignUp() {
		EndUsers users = EndUsers.newProject(this.api, "dup-owner@test.local");
		users.newUser("carol@example.com");
		Reply duplicate = users.signUp("CAROL@example.com", EndUsers.PASSWORD);
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.code()).isEqualTo("auth.user_already_exists");

		Reply emailOnly = users.call(HttpMethod.POST, "/auth/v1/signup", users.anonToken,
				Map.of("email", "dave@example.com"));
		assertThat(emailOnly.status()).isEqualTo(400);
		assertThat(emailOnly.code()).isEqualTo("auth.email_and_password_required");
		Reply badEmail = users.signUp("not-an-email", EndUsers.PASSWORD);
		assertThat(badEmail.status()).isEqualTo(400);
		assertThat(badEmail.code()).isEqualTo("request.validation_failed");
		Reply badGrant = users.call(HttpMethod.POST, "/auth/v1/token?grant_type=magic", users.anonToken, Map.of());
		assertThat(badGrant.status()).isEqualTo(400);
		assertThat(badGrant.code()).isEqualTo("auth.unsupported_grant_type");
	}

	@Test
	void appliesTheProjectsPasswordPolicy() {
		EndUsers users = EndUsers.newProject(this.api, "policy-owner@test.local");
		Reply tooShort = users.signUp("erin@example.com", "Xq7#");
		assertThat(tooShort.status()).isEqualTo(422);
		assertThat(tooShort.code()).isEqualTo("auth.weak_password");
		Reply common = users.signUp("erin@example.com", "password123");
		assertThat(common.status()).isEqualTo(422);
		assertThat(common.code()).isEqualTo("auth.weak_password");
		assertThat(common.string("detail")).contains("strength");

		Reply settings = users.call(HttpMethod.PATCH, "/auth/v1/projects/" + users.projectId + "/auth-settings",
				users.ownerToken, Map.of("passwordMinLength", 30, "passwordMinScore", 4));
		assertThat(settings.status()).isEqualTo(200);
		assertThat(settings.body()).containsEntry("passwordMinLength", 30).containsEntry("passwordMinScore", 4);
		Reply nowTooShort = users.signUp("erin@example.com", EndUsers.PASSWORD);
		assertThat(nowTooShort.status()).isEqualTo(422);
		assertThat(nowTooShort.string("detail")).contains("30 characters");
		assertThat(users.signUp("erin@example.com", "violet ocean marmalade trumpet 1987").status()).isEqualTo(200);

		Reply invalid = users.call(HttpMethod.PATCH, "/auth/v1/admin/settings", users.serviceToken,
				Map.of("passwordMinScore", 5));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.code()).isEqualTo("request.validation_failed");
		Reply anon = users.call(HttpMethod.PATCH, "/auth/v1/admin/settings", users.anonToken,
				Map.of("passwordMinScore", 0));
		assertThat(anon.status()).isEqualTo(403);
	}

	@Test
	void storesArgon2idAndUpgradesBcryptOnSignIn() {
		EndUsers users = EndUsers.newProject(this.api, "hash-owner@test.local");
		UUID id = UUID.fromString(EndUsers.userId(users.newUser("frank@example.com")));
		assertThat(hashOf(id)).startsWith("{argon2}$argon2id$");

		this.jdbc.sql("update users set password_hash = :hash where id = :id")
			.param("hash", "{bcrypt}" + new BCryptPasswordEncoder().encode(EndUsers.PASSWORD))
			.param("id", id)
			.update();
		assertThat(users.signIn("frank@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
		assertThat(hashOf(id)).startsWith("{argon2}$argon2id$");
		assertThat(users.signIn("frank@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void remakesAnArgon2idHashOfALowerCostOnSignIn() {
		EndUsers users = EndUsers.newProject(this.api, "cost-owner@test.local");
		UUID id = UUID.fromString(EndUsers.userId(users.newUser("ivy@example.com")));
		assertThat(hashOf(id)).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");

		// What new hashes cost before: Spring Security's defaults, 16 MiB.
		String older = "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(EndUsers.PASSWORD);
		this.jdbc.sql("update users set password_hash = :hash where id = :id")
			.param("hash", older)
			.param("id", id)
			.update();
		assertThat(users.signIn("ivy@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
		assertThat(hashOf(id)).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(older);
		Reply wrong = users.signIn("ivy@example.com", "not-" + EndUsers.PASSWORD);
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(users.signIn("ivy@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void countsItsPasswordHashesInTheMetrics() {
		EndUsers users = EndUsers.newProject(this.api, "hash-metrics-owner@test.local");
		double before = completedHashes();
		assertThat(users.signUp("hank@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
		assertThat(users.signIn("hank@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
		// The pool counts a hash as completed just after its caller has the result.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(completedHashes()).isGreaterThanOrEqualTo(before + 2));
	}

	private double completedHashes() {
		String metrics = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/actuator/prometheus")
			.retrieve()
			.body(String.class);
		assertThat(metrics).isNotNull();
		return metrics.lines()
			.filter((line) -> line.startsWith("executor_completed_tasks_total{name=\"password-hashes\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no password-hashes executor in " + metrics));
	}

	@Test
	void usersOfOneProjectDoNotExistInAnother() {
		EndUsers first = EndUsers.newProject(this.api, "first-owner@test.local");
		EndUsers second = EndUsers.newProject(this.api, "second-owner@test.local");
		Reply signedUp = first.newUser("grace@example.com");
		Reply elsewhere = second.signIn("grace@example.com", EndUsers.PASSWORD);
		assertThat(elsewhere.status()).isEqualTo(401);
		assertThat(elsewhere.code()).isEqualTo("auth.invalid_credentials");
		Reply refreshElsewhere = second.refresh(signedUp.string("refreshToken"));
		assertThat(refreshElsewhere.status()).isEqualTo(401);
		assertThat(refreshElsewhere.code()).isEqualTo("auth.invalid_refresh_token");
		assertThat(first.refresh(signedUp.string("refreshToken")).status()).isEqualTo(200);
		// The same email is a different user in another project.
		assertThat(EndUsers.userId(second.newUser("grace@example.com"))).isNotEqualTo(EndUsers.userId(signedUp));
	}

	@Test
	void signUpNeedsAProjectCaller() {
		Reply console = this.api.post("/auth/v1/signup", this.api.adminToken(),
				Map.of("email", "h@example.com", "password", EndUsers.PASSWORD));
		assertThat(console.status()).isEqualTo(403);
		assertThat(console.code()).isEqualTo("auth.project_required");
		Reply anonymous = this.api.post("/auth/v1/signup", null, Map.of());
		assertThat(anonymous.status()).isEqualTo(401);
	}

	private String hashOf(UUID id) {
		return this.jdbc.sql("select password_hash from users where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

}
