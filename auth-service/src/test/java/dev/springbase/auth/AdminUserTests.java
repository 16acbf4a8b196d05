package dev.springbase.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

class AdminUserTests extends AuthServiceTests {

	@Test
	void createsListsSearchesPagesUpdatesAndDeletes() {
		EndUsers users = EndUsers.newProject(this.api, "admin-owner@test.local");
		Reply created = users.admin(HttpMethod.POST, "/users", Map.of("email", "Zoe@Example.com", "password",
				EndUsers.PASSWORD, "emailConfirmed", true, "appMetadata", Map.of("plan", "pro")));
		assertThat(created.status()).isEqualTo(201);
		String zoe = created.string("id");
		assertThat(created.headers().getLocation()).hasToString("/auth/v1/admin/users/" + zoe);
		assertThat(created.body()).containsEntry("email", "zoe@example.com")
			.containsEntry("appMetadata", Map.of("plan", "pro"));
		assertThat(created.string("emailConfirmedAt")).isNotNull();
		assertThat(users.admin(HttpMethod.POST, "/users", Map.of("email", "zoe@example.com")).code())
			.isEqualTo("auth.user_already_exists");
		for (String name : List.of("zack", "zed", "amy")) {
			users.newUser(name + "@example.com");
		}

		List<Object> ids = new ArrayList<>();
		String cursor = null;
		do {
			Reply page = users.admin(HttpMethod.GET, "/users?limit=2" + ((cursor != null) ? "&cursor=" + cursor : ""),
					null);
			assertThat(page.status()).isEqualTo(200);
			page.items().forEach((user) -> ids.add(user.get("id")));
			cursor = page.string("nextCursor");
		}
		while (cursor != null);
		assertThat(ids).hasSize(4).doesNotHaveDuplicates().startsWith(zoe);
		assertThat(users.admin(HttpMethod.GET, "/users?email=Z", null).items()).extracting((user) -> user.get("email"))
			.containsExactly("zoe@example.com", "zack@example.com", "zed@example.com");
		assertThat(users.admin(HttpMethod.GET, "/users?email=z_", null).items()).isEmpty();

		Reply updated = users.admin(HttpMethod.PATCH, "/users/" + zoe,
				Map.of("userMetadata", Map.of("name", "Zoe"), "appMetadata", Map.of("plan", "free")));
		assertThat(updated.body()).containsEntry("userMetadata", Map.of("name", "Zoe"))
			.containsEntry("appMetadata", Map.of("plan", "free"))
			.containsEntry("email", "zoe@example.com");
		assertThat(users.admin(HttpMethod.PATCH, "/users/" + zoe, Map.of("password", "123")).code())
			.isEqualTo("auth.weak_password");
		assertThat(users.admin(HttpMethod.PATCH, "/users/" + zoe, Map.of("password", "a brand new passphrase here"))
			.status()).isEqualTo(200);
		assertThat(users.signIn("zoe@example.com", "a brand new passphrase here").status()).isEqualTo(200);

		assertThat(users.admin(HttpMethod.DELETE, "/users/" + zoe, null).status()).isEqualTo(204);
		Reply gone = users.admin(HttpMethod.GET, "/users/" + zoe, null);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.code()).isEqualTo("auth.user_not_found");
		assertThat(users.signIn("zoe@example.com", "a brand new passphrase here").code())
			.isEqualTo("auth.invalid_credentials");
	}

	@Test
	void bannedUsersCannotSignInOrRefreshUntilUnbanned() {
		EndUsers users = EndUsers.newProject(this.api, "ban-owner@test.local");
		Reply signedUp = users.newUser("troll@example.com");
		String id = EndUsers.userId(signedUp);
		Instant until = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		Reply banned = users.admin(HttpMethod.POST, "/users/" + id + "/ban", Map.of("until", until.toString()));
		assertThat(banned.status()).isEqualTo(200);
		assertThat(Instant.parse(banned.string("bannedUntil"))).isEqualTo(until);

		Reply signIn = users.signIn("troll@example.com", EndUsers.PASSWORD);
		assertThat(signIn.status()).isEqualTo(403);
		assertThat(signIn.code()).isEqualTo("auth.user_banned");
		Reply refresh = users.refresh(signedUp.string("refreshToken"));
		assertThat(refresh.status()).isEqualTo(401);
		Reply past = users.admin(HttpMethod.POST, "/users/" + id + "/ban", Map.of("until", "2020-01-01T00:00:00Z"));
		assertThat(past.status()).isEqualTo(400);

		assertThat(users.admin(HttpMethod.DELETE, "/users/" + id + "/ban", null).body()).containsEntry("bannedUntil",
				null);
		Reply again = users.signIn("troll@example.com", EndUsers.PASSWORD);
		assertThat(again.status()).isEqualTo(200);

		// A ban that has not revoked the session yet still stops refreshes.
		users.admin(HttpMethod.POST, "/users/" + id + "/ban", Map.of("until", until.toString()));
		Reply refreshWhileBanned = users.refresh(again.string("refreshToken"));
		assertThat(refreshWhileBanned.status()).isIn(401, 403);
	}

	@Test
	void revokesAllSessionsOfAUser() {
		EndUsers users = EndUsers.newProject(this.api, "revoke-owner@test.local");
		Reply first = users.newUser("revoked@example.com");
		Reply second = users.signIn("revoked@example.com", EndUsers.PASSWORD);
		assertThat(users.admin(HttpMethod.DELETE, "/users/" + EndUsers.userId(first) + "/sessions", null).status())
			.isEqualTo(204);
		assertThat(users.refresh(first.string("refreshToken")).code()).isEqualTo("auth.invalid_refresh_token");
		assertThat(users.refresh(second.string("refreshToken")).code()).isEqualTo("auth.invalid_refresh_token");
		assertThat(users.signIn("revoked@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void consoleDevelopersAndOwnersMayAdministerUsersViewersAndUsersMayNot() {
		EndUsers users = EndUsers.newProject(this.api, "roles-owner@test.local");
		String userId = EndUsers.userId(users.newUser("member@example.com"));
		String path = "/auth/v1/projects/" + users.projectId + "/users";
		String developer = this.api.newAccount("roles-dev@test.local");
		String viewer = this.api.newAccount("roles-viewer@test.local");
		this.api.addMember(users.ownerToken, users.projectId, "roles-dev@test.local", "developer");
		this.api.addMember(users.ownerToken, users.projectId, "roles-viewer@test.local", "viewer");

		assertThat(this.api.get(path, users.ownerToken).items()).hasSize(1);
		Reply byDeveloper = this.api.patch(path + "/" + userId, developer, Map.of("appMetadata", Map.of("vip", true)));
		assertThat(byDeveloper.status()).isEqualTo(200);
		Reply byViewer = this.api.get(path, viewer);
		assertThat(byViewer.status()).isEqualTo(403);
		assertThat(byViewer.code()).isEqualTo("auth.role_insufficient");

		Reply byPublishableKey = users.call(HttpMethod.GET, "/auth/v1/admin/users", users.anonToken, null);
		assertThat(byPublishableKey.status()).isEqualTo(403);
		String userToken = users.signIn("member@example.com", EndUsers.PASSWORD).string("accessToken");
		Reply byUser = users.call(HttpMethod.GET, "/auth/v1/admin/users", userToken, null);
		assertThat(byUser.status()).isEqualTo(403);
		Reply consoleWithoutProject = this.api.get("/auth/v1/admin/users", users.ownerToken);
		assertThat(consoleWithoutProject.status()).isEqualTo(403);
		assertThat(consoleWithoutProject.code()).isEqualTo("auth.project_required");
	}

	@Test
	void anotherProjectsAdminSeesNothing() {
		EndUsers mine = EndUsers.newProject(this.api, "mine-owner@test.local");
		EndUsers theirs = EndUsers.newProject(this.api, "theirs-owner@test.local");
		String userId = EndUsers.userId(mine.newUser("private@example.com"));

		assertThat(theirs.admin(HttpMethod.GET, "/users", null).items()).isEmpty();
		for (Reply reply : List.of(theirs.admin(HttpMethod.GET, "/users/" + userId, null),
				theirs.admin(HttpMethod.PATCH, "/users/" + userId, Map.of("appMetadata", Map.of("x", 1))),
				theirs.admin(HttpMethod.DELETE, "/users/" + userId, null),
				theirs.admin(HttpMethod.DELETE, "/users/" + userId + "/sessions", null))) {
			assertThat(reply.status()).isEqualTo(404);
			assertThat(reply.code()).isEqualTo("auth.user_not_found");
		}
		Reply otherProjectPath = theirs.call(HttpMethod.GET, "/auth/v1/projects/" + mine.projectId + "/users",
				theirs.serviceToken, null);
		assertThat(otherProjectPath.status()).isEqualTo(404);
		assertThat(otherProjectPath.code()).isEqualTo("auth.project_not_found");
		Reply otherOwner = this.api.get("/auth/v1/projects/" + mine.projectId + "/users", theirs.ownerToken);
		assertThat(otherOwner.status()).isEqualTo(404);
		assertThat(mine.admin(HttpMethod.GET, "/users/" + userId, null).body()).containsEntry("appMetadata", Map.of());
	}

}
