package dev.springbase.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTests extends AuthServiceTests {

	EndUsers users;

	@BeforeEach
	void setUp() {
		this.users = EndUsers.newProject(this.api, "sessions-" + System.nanoTime() + "@test.local");
	}

	@Test
	void accessTokenCarriesTheUserProjectRoleAndAppMetadata() {
		Reply signedUp = this.users.newUser("claims@example.com");
		String userId = EndUsers.userId(signedUp);
		Reply updated = this.users.admin(HttpMethod.PATCH, "/users/" + userId,
				Map.of("appMetadata", Map.of("plan", "pro", "roles", List.of("editor"))));
		assertThat(updated.status()).isEqualTo(200);

		Reply signedIn = this.users.signIn("claims@example.com", EndUsers.PASSWORD);
		Map<String, Object> claims = TestApi.claims(signedIn.string("accessToken"));
		assertThat(claims).containsEntry("sub", userId)
			.containsEntry("kind", "user")
			.containsEntry("project", this.users.projectId.toString())
			.containsEntry("role", "authenticated")
			.containsEntry("aal", "aal1")
			.containsEntry("email", "claims@example.com")
			.containsEntry("is_anonymous", false)
			.containsEntry("app_metadata", Map.of("plan", "pro", "roles", List.of("editor")))
			.containsEntry("iss", "http://localhost:8080/auth/v1")
			.containsKey("session_id");
		long lifetime = ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue();
		assertThat(lifetime).isEqualTo(900);

		Reply whoami = this.users.call(HttpMethod.GET, "/auth/v1/whoami", signedIn.string("accessToken"), null);
		assertThat(whoami.body()).containsEntry("kind", "user")
			.containsEntry("subject", userId)
			.containsEntry("role", "authenticated");
	}

	@Test
	void refreshRotatesTheTokenAndKeepsTheSession() {
		Reply signedUp = this.users.newUser("rotate@example.com");
		String sessionId = (String) TestApi.claims(signedUp.string("accessToken")).get("session_id");
		Reply first = this.users.refresh(signedUp.string("refreshToken"));
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.string("refreshToken")).isNotEqualTo(signedUp.string("refreshToken"));
		assertThat(TestApi.claims(first.string("accessToken"))).containsEntry("session_id", sessionId);
		assertThat(EndUsers.userId(first)).isEqualTo(EndUsers.userId(signedUp));
		Reply second = this.users.refresh(first.string("refreshToken"));
		assertThat(second.status()).isEqualTo(200);
		assertThat(TestApi.claims(second.string("accessToken"))).containsEntry("session_id", sessionId);

		Reply unknown = this.users.refresh("sbr_not-a-token-we-issued");
		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.code()).isEqualTo("auth.invalid_refresh_token");
		Reply missing = this.users.call(HttpMethod.POST, "/auth/v1/token?grant_type=refresh_token",
				this.users.anonToken, Map.of());
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.code()).isEqualTo("auth.field_required");
	}

	@Test
	void reusingARotatedRefreshTokenRevokesTheWholeSession() {
		Reply signedUp = this.users.newUser("reuse@example.com");
		String stolen = signedUp.string("refreshToken");
		Reply first = this.users.refresh(stolen);
		Reply second = this.users.refresh(first.string("refreshToken"));
		assertThat(second.status()).isEqualTo(200);

		Reply reuse = this.users.refresh(stolen);
		assertThat(reuse.status()).isEqualTo(401);
		assertThat(reuse.code()).isEqualTo("auth.refresh_token_reused");
		Reply legitimate = this.users.refresh(second.string("refreshToken"));
		assertThat(legitimate.status()).isEqualTo(401);
		assertThat(legitimate.code()).isEqualTo("auth.invalid_refresh_token");
		Reply me = this.users.call(HttpMethod.GET, "/auth/v1/user", second.string("accessToken"), null);
		assertThat(me.code()).isEqualTo("auth.session_revoked");
		// Another session of the same user is not part of the family.
		assertThat(this.users.signIn("reuse@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void twoRacingRefreshesWithOneTokenLeaveOneWinnerAndALiveSession() throws Exception {
		Reply signedUp = this.users.newUser("race@example.com");
		String token = signedUp.string("refreshToken");
		int racers = 4;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Reply>> replies = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(racers)) {
			for (int i = 0; i < racers; i++) {
				replies.add(executor.submit(() -> {
					start.await();
					return this.users.refresh(token);
				}));
			}
			start.countDown();
		}
		List<Reply> winners = new ArrayList<>();
		for (Future<Reply> reply : replies) {
			Reply answer = reply.get();
			if (answer.status() == 200) {
				winners.add(answer);
			}
			else {
				assertThat(answer.status()).isEqualTo(401);
				assertThat(answer.code()).isEqualTo("auth.refresh_token_already_used");
			}
		}
		assertThat(winners).hasSize(1);
		Reply next = this.users.refresh(winners.getFirst().string("refreshToken"));
		assertThat(next.status()).isEqualTo(200);
		assertThat(this.users.refresh(next.string("refreshToken")).status()).isEqualTo(200);
	}

	@Test
	void listsRevokesOneAndSignsOutEverywhere() {
		this.users.newUser("many@example.com");
		this.users.address = "198.51.100.7";
		Reply phone = this.users.signIn("many@example.com", EndUsers.PASSWORD);
		Reply laptop = this.users.signIn("many@example.com", EndUsers.PASSWORD);
		Reply tablet = this.users.signIn("many@example.com", EndUsers.PASSWORD);
		String laptopToken = laptop.string("accessToken");

		Reply listed = this.users.call(HttpMethod.GET, "/auth/v1/sessions?limit=2", laptopToken, null);
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.items()).hasSize(2);
		assertThat(listed.string("nextCursor")).isNotNull();
		Reply rest = this.users.call(HttpMethod.GET, "/auth/v1/sessions?cursor=" + listed.string("nextCursor"),
				laptopToken, null);
		List<Map<String, Object>> all = new ArrayList<>(listed.items());
		all.addAll(rest.items());
		assertThat(all).hasSize(4);
		String laptopSession = (String) TestApi.claims(laptopToken).get("session_id");
		assertThat(all).filteredOn((session) -> Boolean.TRUE.equals(session.get("current")))
			.extracting((session) -> session.get("id"))
			.containsExactly(laptopSession);
		assertThat(all).extracting((session) -> session.get("userAgent")).containsOnly("EndUsersTest/1.0");
		assertThat(all).extracting((session) -> session.get("ipAddress")).contains("198.51.100.7");

		String phoneSession = (String) TestApi.claims(phone.string("accessToken")).get("session_id");
		assertThat(this.users.call(HttpMethod.DELETE, "/auth/v1/sessions/" + phoneSession, laptopToken, null).status())
			.isEqualTo(204);
		assertThat(this.users.refresh(phone.string("refreshToken")).code()).isEqualTo("auth.invalid_refresh_token");
		assertThat(this.users.call(HttpMethod.GET, "/auth/v1/sessions", laptopToken, null).items()).hasSize(3);

		assertThat(this.users.call(HttpMethod.POST, "/auth/v1/logout?scope=others", laptopToken, null).status())
			.isEqualTo(204);
		assertThat(this.users.refresh(tablet.string("refreshToken")).status()).isEqualTo(401);
		Reply laptopRefreshed = this.users.refresh(laptop.string("refreshToken"));
		assertThat(laptopRefreshed.status()).isEqualTo(200);

		assertThat(this.users
			.call(HttpMethod.POST, "/auth/v1/logout?scope=global", laptopRefreshed.string("accessToken"), null)
			.status()).isEqualTo(204);
		assertThat(this.users.refresh(laptopRefreshed.string("refreshToken")).status()).isEqualTo(401);

		Reply badScope = this.users.call(HttpMethod.POST, "/auth/v1/logout?scope=everything",
				this.users.signIn("many@example.com", EndUsers.PASSWORD).string("accessToken"), null);
		assertThat(badScope.status()).isEqualTo(400);
		assertThat(badScope.code()).isEqualTo("auth.invalid_scope");
	}

	@Test
	void aUserCannotSeeOrRevokeAnotherUsersSessions() {
		Reply alice = this.users.newUser("alice@example.com");
		Reply bob = this.users.newUser("bob@example.com");
		String aliceSession = (String) TestApi.claims(alice.string("accessToken")).get("session_id");
		Reply revoke = this.users.call(HttpMethod.DELETE, "/auth/v1/sessions/" + aliceSession,
				bob.string("accessToken"), null);
		assertThat(revoke.status()).isEqualTo(404);
		assertThat(revoke.code()).isEqualTo("auth.session_not_found");
		assertThat(this.users.call(HttpMethod.GET, "/auth/v1/sessions", bob.string("accessToken"), null).items())
			.extracting((session) -> session.get("id"))
			.doesNotContain(aliceSession);
		assertThat(this.users.refresh(alice.string("refreshToken")).status()).isEqualTo(200);

		Reply withKey = this.users.call(HttpMethod.GET, "/auth/v1/sessions", this.users.anonToken, null);
		assertThat(withKey.status()).isEqualTo(403);
		assertThat(withKey.code()).isEqualTo("auth.user_required");
	}

}
