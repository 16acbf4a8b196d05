package dev.springbase.auth;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

class AnonymousUserTests extends AuthServiceTests {

	@Test
	void anonymousUserUpgradesToEmailAndPasswordKeepingItsId() {
		EndUsers users = EndUsers.newProject(this.api, "anon-owner@test.local");
		Reply anonymous = users.signUpAnonymously();
		assertThat(anonymous.status()).isEqualTo(200);
		String userId = EndUsers.userId(anonymous);
		assertThat(TestApi.claims(anonymous.string("accessToken"))).containsEntry("is_anonymous", true)
			.containsEntry("role", "authenticated")
			.doesNotContainKey("email");
		String token = anonymous.string("accessToken");
		assertThat(users.call(HttpMethod.GET, "/auth/v1/user", token, null).body()).containsEntry("anonymous", true)
			.containsEntry("email", null);

		Reply emailOnly = users.call(HttpMethod.PUT, "/auth/v1/user", token, Map.of("email", "kim@example.com"));
		assertThat(emailOnly.status()).isEqualTo(400);
		assertThat(emailOnly.code()).isEqualTo("auth.password_required");

		Reply upgraded = users.call(HttpMethod.PUT, "/auth/v1/user", token,
				Map.of("email", "Kim@Example.com", "password", EndUsers.PASSWORD, "data", Map.of("name", "Kim")));
		assertThat(upgraded.status()).isEqualTo(200);
		assertThat(upgraded.body()).containsEntry("id", userId)
			.containsEntry("email", "kim@example.com")
			.containsEntry("anonymous", false)
			.containsEntry("userMetadata", Map.of("name", "Kim"));

		Reply refreshed = users.refresh(anonymous.string("refreshToken"));
		assertThat(TestApi.claims(refreshed.string("accessToken"))).containsEntry("sub", userId)
			.containsEntry("is_anonymous", false)
			.containsEntry("email", "kim@example.com");
		Reply signedIn = users.signIn("kim@example.com", EndUsers.PASSWORD);
		assertThat(signedIn.status()).isEqualTo(200);
		assertThat(EndUsers.userId(signedIn)).isEqualTo(userId);
	}

	@Test
	void upgradeRefusesATakenEmailAndAWeakPassword() {
		EndUsers users = EndUsers.newProject(this.api, "anon-taken-owner@test.local");
		users.newUser("taken@example.com");
		String token = users.signUpAnonymously().string("accessToken");
		Reply taken = users.call(HttpMethod.PUT, "/auth/v1/user", token,
				Map.of("email", "taken@example.com", "password", EndUsers.PASSWORD));
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.code()).isEqualTo("auth.user_already_exists");
		Reply weak = users.call(HttpMethod.PUT, "/auth/v1/user", token,
				Map.of("email", "fresh@example.com", "password", "password"));
		assertThat(weak.status()).isEqualTo(422);
		assertThat(weak.code()).isEqualTo("auth.weak_password");
		assertThat(users.call(HttpMethod.GET, "/auth/v1/user", token, null).body()).containsEntry("anonymous", true);
	}

	@Test
	void userMetadataIsMergedButAppMetadataIsNotTheUsersToChange() {
		EndUsers users = EndUsers.newProject(this.api, "meta-owner@test.local");
		Reply signedUp = users.call(HttpMethod.POST, "/auth/v1/signup", users.anonToken, Map.of("email",
				"meta@example.com", "password", EndUsers.PASSWORD, "data", Map.of("name", "Meta", "theme", "dark")));
		String token = signedUp.string("accessToken");
		Reply updated = users.call(HttpMethod.PUT, "/auth/v1/user", token,
				Map.of("data", Map.of("theme", "light"), "appMetadata", Map.of("plan", "enterprise")));
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.body()).containsEntry("userMetadata", Map.of("name", "Meta", "theme", "light"))
			.containsEntry("appMetadata", Map.of());
	}

}
