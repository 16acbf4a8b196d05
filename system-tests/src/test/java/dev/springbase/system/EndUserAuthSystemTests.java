package dev.springbase.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import dev.springbase.system.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End users through the gateway, as an app calls it: sign-up and sign-in with the
 * publishable key, the user's token accepted by every service, password policy and
 * throttling, refresh rotation with reuse detection, sessions, the mailed flows (through
 * the local mailbox), metadata, the admin API, bans, and the project boundary between
 * keys and tokens.
 */
class EndUserAuthSystemTests {

	private static final String PASSWORD = "correct horse battery staple";

	private static final Pattern CODE = Pattern.compile("code: (\\d{6})");

	private static final Pattern LINK_TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Api api = Api.gateway();

	private String publishableKey;

	private String secretKey;

	private String otherPublishableKey;

	@BeforeEach
	void project() {
		String admin = this.api.adminToken();
		String projectId = this.api.createProject(admin, "End users", List.of());
		this.publishableKey = this.api.createKey(admin, projectId, "publishable").string("key");
		this.secretKey = this.api.createKey(admin, projectId, "secret").string("key");
		String otherProject = this.api.createProject(admin, "Other app", List.of());
		this.otherPublishableKey = this.api.createKey(admin, otherProject, "publishable").string("key");
	}

	@Test
	void signsUpSignsInAndReachesOtherServicesAsTheUser() {
		String email = unique("ada");
		Response signedUp = signUp(email).expectStatus(200);
		String userId = signedUp.object("user").get("id").toString();

		Response signedIn = signIn(email, PASSWORD).expectStatus(200);
		String token = signedIn.string("accessToken");
		Response me = this.api.get("/auth/v1/user").apikey(this.publishableKey).bearer(token).send();
		me.expectStatus(200);
		assertThat(me.string("email")).isEqualTo(email);
		Response storage = this.api.get("/storage/v1/whoami").apikey(this.publishableKey).bearer(token).send();
		storage.expectStatus(200);
		assertThat(storage.json()).containsEntry("kind", "user")
			.containsEntry("subject", userId)
			.containsEntry("role", "authenticated");

		this.api.post("/auth/v1/logout").apikey(this.publishableKey).bearer(token).send().expectStatus(204);
		Response afterLogout = refresh(signedIn.string("refreshToken"));
		assertThat(afterLogout.status()).isEqualTo(401);
	}

	@Test
	void wrongPasswordIsRefusedLikeAnUnknownEmail() {
		String email = unique("bob");
		signUp(email).expectStatus(200);
		Response wrong = signIn(email, "not the right password");
		Response unknown = signIn(unique("nobody"), PASSWORD);
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.code()).isEqualTo("auth.invalid_credentials");
		assertThat(wrong.contentType()).startsWith("application/problem+json");
		assertThat(unknown.status()).isEqualTo(wrong.status());
		assertThat(unknown.code()).isEqualTo(wrong.code());
		assertThat(unknown.string("detail")).isEqualTo(wrong.string("detail"));
	}

	@Test
	void aResetForAnUnknownEmailIsAnsweredLikeOneForAKnownEmail() {
		String known = unique("remembered");
		signUp(known).expectStatus(200);
		Response forKnown = recover(known);
		Response forUnknown = recover(unique("stranger"));
		assertThat(forKnown.status()).isEqualTo(202);
		assertThat(forUnknown.status()).isEqualTo(forKnown.status());
		assertThat(forUnknown.contentType()).isEqualTo(forKnown.contentType());
		assertThat(forUnknown.body()).isEqualTo(forKnown.body());
		assertThat(mailedCode(known, "Reset your password")).as("the known address got its mail").isNotBlank();
		List<Map<String, Object>> mails = this.api.get("/auth/v1/admin/mailbox")
			.apikey(this.secretKey)
			.send()
			.expectStatus(200)
			.items();
		assertThat(mails).extracting((mail) -> mail.get("to")).containsOnly(known);
	}

	@Test
	void aBcryptHashBecomesArgon2idOnTheNextSignInButNotOnAWrongPassword() throws SQLException {
		String email = unique("legacy");
		String userId = signUp(email).expectStatus(200).object("user").get("id").toString();
		// As a user imported from a system that hashed with bcrypt.
		String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);
		storePasswordHash(userId, bcrypt);

		assertThat(signIn(email, "not the right password").status()).isEqualTo(401);
		assertThat(storedPasswordHash(userId)).as("a wrong password re-hashes nothing").isEqualTo(bcrypt);
		signIn(email, PASSWORD).expectStatus(200);
		String upgraded = storedPasswordHash(userId);
		assertThat(upgraded).startsWith("{argon2}$argon2id$");
		signIn(email, PASSWORD).expectStatus(200);
		assertThat(storedPasswordHash(userId)).as("an Argon2id hash is kept").isEqualTo(upgraded);
	}

	@Test
	void aReusedRefreshTokenEndsTheSession() {
		Response signedUp = signUp(unique("carol")).expectStatus(200);
		String first = signedUp.string("refreshToken");
		Response rotated = refresh(first).expectStatus(200);
		Response again = refresh(rotated.string("refreshToken")).expectStatus(200);

		Response reused = refresh(first);
		assertThat(reused.status()).isEqualTo(401);
		assertThat(reused.code()).isEqualTo("auth.refresh_token_reused");
		assertThat(refresh(again.string("refreshToken")).code()).isEqualTo("auth.invalid_refresh_token");
	}

	@Test
	void aBannedUserCannotSignInOrRefreshUntilUnbanned() {
		String email = unique("dave");
		Response signedUp = signUp(email).expectStatus(200);
		String userId = signedUp.object("user").get("id").toString();
		this.api.post("/auth/v1/admin/users/" + userId + "/ban")
			.apikey(this.secretKey)
			.json(Map.of("until", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
			.send()
			.expectStatus(200);

		Response signIn = signIn(email, PASSWORD);
		assertThat(signIn.status()).isEqualTo(403);
		assertThat(signIn.code()).isEqualTo("auth.user_banned");
		assertThat(refresh(signedUp.string("refreshToken")).status()).isEqualTo(401);
		this.api.call("DELETE", "/auth/v1/admin/users/" + userId + "/ban")
			.apikey(this.secretKey)
			.send()
			.expectStatus(200);
		signIn(email, PASSWORD).expectStatus(200);
		Response byPublishableKey = this.api.post("/auth/v1/admin/users/" + userId + "/ban")
			.apikey(this.publishableKey)
			.json(Map.of("until", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
			.send();
		assertThat(byPublishableKey.status()).isEqualTo(403);
	}

	@Test
	void anotherProjectsKeyGetsNeitherTheUserNorItsSession() {
		String email = unique("erin");
		Response signedUp = signUp(email).expectStatus(200);

		Response withOtherKey = this.api.get("/auth/v1/user")
			.apikey(this.otherPublishableKey)
			.bearer(signedUp.string("accessToken"))
			.send();
		assertThat(withOtherKey.status()).isEqualTo(401);
		assertThat(withOtherKey.code()).isEqualTo("gateway.token_project_mismatch");
		Response signInElsewhere = this.api.post("/auth/v1/token?grant_type=password")
			.apikey(this.otherPublishableKey)
			.json(Map.of("email", email, "password", PASSWORD))
			.send();
		assertThat(signInElsewhere.code()).isEqualTo("auth.invalid_credentials");
		Response refreshElsewhere = this.api.post("/auth/v1/token?grant_type=refresh_token")
			.apikey(this.otherPublishableKey)
			.json(Map.of("refreshToken", signedUp.string("refreshToken")))
			.send();
		assertThat(refreshElsewhere.code()).isEqualTo("auth.invalid_refresh_token");
		assertThat(refresh(signedUp.string("refreshToken")).status()).isEqualTo(200);
	}

	@Test
	void anAnonymousUserBecomesPermanentWithTheSameId() {
		Response anonymous = this.api.post("/auth/v1/signup").apikey(this.publishableKey).json(Map.of()).send();
		anonymous.expectStatus(200);
		String id = anonymous.object("user").get("id").toString();
		String email = unique("anon");
		this.api.call("PUT", "/auth/v1/user")
			.apikey(this.publishableKey)
			.bearer(anonymous.string("accessToken"))
			.json(Map.of("email", email, "password", PASSWORD))
			.send()
			.expectStatus(200);
		Response signedIn = signIn(email, PASSWORD).expectStatus(200);
		assertThat(signedIn.object("user")).containsEntry("id", id).containsEntry("anonymous", false);
	}

	@Test
	void requiredConfirmationAndPasswordResetWorkThroughTheLocalMailbox() {
		this.api.call("PATCH", "/auth/v1/admin/settings")
			.apikey(this.secretKey)
			.json(Map.of("emailConfirmationRequired", true))
			.send()
			.expectStatus(200);
		String email = unique("frank");
		signUp(email).expectStatus(200);
		Response unconfirmed = signIn(email, PASSWORD);
		assertThat(unconfirmed.status()).isEqualTo(403);
		assertThat(unconfirmed.code()).isEqualTo("auth.email_not_confirmed");
		this.api.post("/auth/v1/verify")
			.apikey(this.publishableKey)
			.json(Map.of("type", "signup", "email", email, "code", mailedCode(email, "Confirm your email address")))
			.send()
			.expectStatus(200);
		signIn(email, PASSWORD).expectStatus(200);

		this.api.post("/auth/v1/recover")
			.apikey(this.publishableKey)
			.json(Map.of("email", email))
			.send()
			.expectStatus(202);
		String code = mailedCode(email, "Reset your password");
		Response reset = this.api.post("/auth/v1/verify")
			.apikey(this.publishableKey)
			.json(Map.of("type", "recovery", "email", email, "code", code))
			.send();
		reset.expectStatus(200);
		Response used = this.api.post("/auth/v1/verify")
			.apikey(this.publishableKey)
			.json(Map.of("type", "recovery", "email", email, "code", code))
			.send();
		assertThat(used.status()).isEqualTo(401);
		assertThat(used.code()).isEqualTo("auth.code_invalid");
	}

	@Test
	void weakPasswordsAreRefusedByTheProjectsPolicy() {
		Response common = this.api.post("/auth/v1/signup")
			.apikey(this.publishableKey)
			.json(Map.of("email", unique("weak"), "password", "password123"))
			.send();
		assertThat(common.status()).isEqualTo(422);
		assertThat(common.code()).isEqualTo("auth.weak_password");
		this.api.call("PATCH", "/auth/v1/admin/settings")
			.apikey(this.secretKey)
			.json(Map.of("passwordMinLength", 40))
			.send()
			.expectStatus(200);
		Response tooShort = signUp(unique("short"));
		assertThat(tooShort.status()).isEqualTo(422);
		assertThat(tooShort.code()).isEqualTo("auth.weak_password");
	}

	@Test
	void repeatedWrongPasswordsAreThrottledWithRetryAfter() {
		String email = unique("guesser");
		signUp(email).expectStatus(200);
		int failures = 0;
		Response answer = signIn(email, "wrong password 0");
		while (answer.status() == 401 && failures < 10) {
			failures++;
			answer = signIn(email, "wrong password " + failures);
		}
		// Five are free; on a slow machine a sixth may come after the first 1 s delay.
		assertThat(failures).as("free attempts per account").isGreaterThanOrEqualTo(5);
		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.code()).isEqualTo("auth.too_many_attempts");
		long retryAfter = Long.parseLong(answer.header("Retry-After"));
		assertThat(retryAfter).isPositive();
		assertThat(signIn(email, PASSWORD).status()).as("even the right password waits").isEqualTo(429);
		await().atMost(Duration.ofSeconds(retryAfter + 5))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(signIn(email, PASSWORD).status()).isEqualTo(200));
	}

	@Test
	void twoRefreshesRacingWithOneTokenLeaveOneLiveSession() throws Exception {
		Response signedUp = signUp(unique("racer")).expectStatus(200);
		String token = signedUp.string("refreshToken");
		List<Response> answers;
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<Response> first = threads.submit(() -> refresh(token));
			Future<Response> second = threads.submit(() -> refresh(token));
			answers = List.of(first.get(), second.get());
		}
		assertThat(answers).extracting(Response::status).containsExactlyInAnyOrder(200, 401);
		Response winner = answers.stream().filter((answer) -> answer.status() == 200).findFirst().orElseThrow();
		Response loser = answers.stream().filter((answer) -> answer.status() == 401).findFirst().orElseThrow();
		assertThat(loser.code()).isEqualTo("auth.refresh_token_already_used");
		refresh(winner.string("refreshToken")).expectStatus(200);
	}

	@Test
	void sessionsAreListedRevokedOneByOneAndEndedEverywhere() {
		String email = unique("grace");
		Response first = signUp(email).expectStatus(200);
		Response second = signIn(email, PASSWORD).expectStatus(200);
		Response third = signIn(email, PASSWORD).expectStatus(200);
		String token = third.string("accessToken");

		List<Map<String, Object>> sessions = this.api.get("/auth/v1/sessions")
			.apikey(this.publishableKey)
			.bearer(token)
			.send()
			.expectStatus(200)
			.items();
		assertThat(sessions).hasSize(3).filteredOn((session) -> Boolean.TRUE.equals(session.get("current"))).hasSize(1);
		String firstSession = claims(first).get("session_id").toString();
		assertThat(sessions).extracting((session) -> session.get("id")).contains(firstSession);
		this.api.call("DELETE", "/auth/v1/sessions/" + firstSession)
			.apikey(this.publishableKey)
			.bearer(token)
			.send()
			.expectStatus(204);
		assertThat(refresh(first.string("refreshToken")).status()).isEqualTo(401);
		Response otherUsersSession = this.api.call("DELETE", "/auth/v1/sessions/" + firstSession)
			.apikey(this.publishableKey)
			.bearer(signUp(unique("heidi")).expectStatus(200).string("accessToken"))
			.send();
		assertThat(otherUsersSession.status()).isEqualTo(404);
		assertThat(otherUsersSession.code()).isEqualTo("auth.session_not_found");

		this.api.post("/auth/v1/logout?scope=others")
			.apikey(this.publishableKey)
			.bearer(token)
			.send()
			.expectStatus(204);
		assertThat(refresh(second.string("refreshToken")).status()).isEqualTo(401);
		Response stillIn = refresh(third.string("refreshToken")).expectStatus(200);
		Response fourth = signIn(email, PASSWORD).expectStatus(200);
		this.api.post("/auth/v1/logout?scope=global")
			.apikey(this.publishableKey)
			.bearer(fourth.string("accessToken"))
			.send()
			.expectStatus(204);
		assertThat(refresh(stillIn.string("refreshToken")).status()).isEqualTo(401);
		assertThat(refresh(fourth.string("refreshToken")).status()).isEqualTo(401);
	}

	@Test
	void usersEditTheirOwnMetadataAndOnlyAdminsTheAppMetadataInTheirTokens() {
		Response signedUp = signUp(unique("ivan")).expectStatus(200);
		String userId = signedUp.object("user").get("id").toString();
		Response edited = this.api.call("PUT", "/auth/v1/user")
			.apikey(this.publishableKey)
			.bearer(signedUp.string("accessToken"))
			.json(Map.of("data", Map.of("theme", "dark"), "appMetadata", Map.of("plan", "enterprise")))
			.send()
			.expectStatus(200);
		assertThat(edited.json()).containsEntry("userMetadata", Map.of("theme", "dark"))
			.containsEntry("appMetadata", Map.of());

		this.api.call("PATCH", "/auth/v1/admin/users/" + userId)
			.apikey(this.secretKey)
			.json(Map.of("appMetadata", Map.of("plan", "pro")))
			.send()
			.expectStatus(200);
		Map<String, Object> claims = claims(refresh(signedUp.string("refreshToken")).expectStatus(200));
		assertThat(claims).containsEntry("app_metadata", Map.of("plan", "pro")).doesNotContainKey("user_metadata");
		Response byUserKey = this.api.call("PATCH", "/auth/v1/admin/users/" + userId)
			.apikey(this.publishableKey)
			.json(Map.of("appMetadata", Map.of("plan", "free")))
			.send();
		assertThat(byUserKey.status()).isEqualTo(403);
	}

	@Test
	void adminsListSearchCreateUpdateAndDeleteUsersAndRevokeTheirSessions() {
		String prefix = "zed-" + System.nanoTime();
		for (int i = 0; i < 3; i++) {
			this.api.post("/auth/v1/admin/users")
				.apikey(this.secretKey)
				.json(Map.of("email", prefix + "-" + i + "@system.test", "password", PASSWORD, "emailConfirmed", true))
				.send()
				.expectStatus(201);
		}
		Response firstPage = this.api.get("/auth/v1/admin/users?limit=2&email=" + prefix)
			.apikey(this.secretKey)
			.send()
			.expectStatus(200);
		Response secondPage = this.api
			.get("/auth/v1/admin/users?limit=2&email=" + prefix + "&cursor=" + firstPage.string("nextCursor"))
			.apikey(this.secretKey)
			.send()
			.expectStatus(200);
		assertThat(firstPage.items()).hasSize(2);
		assertThat(secondPage.items()).hasSize(1);
		assertThat(secondPage.string("nextCursor")).isNull();
		String email = prefix + "-2@system.test";
		String userId = secondPage.items().getFirst().get("id").toString();

		Response session = signIn(email, PASSWORD).expectStatus(200);
		this.api.call("PATCH", "/auth/v1/admin/users/" + userId)
			.apikey(this.secretKey)
			.json(Map.of("password", "another fine passphrase"))
			.send()
			.expectStatus(200);
		assertThat(signIn(email, PASSWORD).code()).isEqualTo("auth.invalid_credentials");
		this.api.call("DELETE", "/auth/v1/admin/users/" + userId + "/sessions")
			.apikey(this.secretKey)
			.send()
			.expectStatus(204);
		assertThat(refresh(session.string("refreshToken")).status()).isEqualTo(401);

		this.api.call("DELETE", "/auth/v1/admin/users/" + userId).apikey(this.secretKey).send().expectStatus(204);
		assertThat(signIn(email, "another fine passphrase").code()).isEqualTo("auth.invalid_credentials");
		Response gone = this.api.get("/auth/v1/admin/users/" + userId).apikey(this.secretKey).send();
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.code()).isEqualTo("auth.user_not_found");
		Response byPublishableKey = this.api.get("/auth/v1/admin/users").apikey(this.publishableKey).send();
		assertThat(byPublishableKey.status()).isEqualTo(403);
	}

	@Test
	void magicLinksAndOneTimeCodesSignInOnceAndExpire() {
		String email = unique("judy");
		this.api.post("/auth/v1/otp").apikey(this.publishableKey).json(Map.of("email", email)).send().expectStatus(202);
		String link = mailed(email, "Your sign-in link", LINK_TOKEN);
		// The same mail's code, so that the next mail's is told apart from it.
		String firstCode = mailed(email, "Your sign-in link", CODE);
		Response byLink = verify(Map.of("type", "magiclink", "token", link)).expectStatus(200);
		String userId = byLink.object("user").get("id").toString();
		Response usedLink = verify(Map.of("type", "magiclink", "token", link));
		assertThat(usedLink.status()).isEqualTo(401);
		assertThat(usedLink.code()).isEqualTo("auth.code_invalid");

		this.api.post("/auth/v1/otp").apikey(this.publishableKey).json(Map.of("email", email)).send().expectStatus(202);
		String code = awaitNewCode(email, "Your sign-in link", firstCode);
		Response elsewhere = this.api.post("/auth/v1/verify")
			.apikey(this.otherPublishableKey)
			.json(Map.of("type", "magiclink", "email", email, "code", code))
			.send();
		assertThat(elsewhere.code()).as("another project's key").isEqualTo("auth.code_invalid");
		Response byCode = verify(Map.of("type", "magiclink", "email", email, "code", code)).expectStatus(200);
		assertThat(byCode.object("user")).containsEntry("id", userId);

		this.api.post("/auth/v1/otp").apikey(this.publishableKey).json(Map.of("email", email)).send().expectStatus(202);
		String expiring = awaitNewCode(email, "Your sign-in link", code);
		SpringbaseStack.sleep(SystemTestSettings.MAIL_CODE_TTL.plusSeconds(1));
		Response expired = verify(Map.of("type", "magiclink", "email", email, "code", expiring));
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.code()).isEqualTo("auth.code_expired");
	}

	@Test
	void anEmailChangeTakesEffectWhenBothAddressesConfirm() {
		String oldEmail = unique("kim");
		String newEmail = unique("kim-new");
		Response signedUp = signUp(oldEmail).expectStatus(200);
		Response requested = this.api.call("PUT", "/auth/v1/user")
			.apikey(this.publishableKey)
			.bearer(signedUp.string("accessToken"))
			.json(Map.of("email", newEmail))
			.send()
			.expectStatus(200);
		assertThat(requested.json()).containsEntry("email", oldEmail);
		assertThat(signIn(newEmail, PASSWORD).status()).as("not before the new address confirms").isEqualTo(401);

		String newToken = mailed(newEmail, "Confirm your new email address", LINK_TOKEN);
		String currentToken = mailed(oldEmail, "Confirm your email address change", LINK_TOKEN);
		Response halfway = verify(Map.of("type", "email_change", "token", newToken)).expectStatus(200);
		assertThat(halfway.json()).containsEntry("emailChangePending", true).doesNotContainKey("accessToken");
		assertThat(signIn(newEmail, PASSWORD).status()).as("not before the current address confirms").isEqualTo(401);

		Response confirmed = verify(Map.of("type", "email_change", "token", currentToken)).expectStatus(200);
		assertThat(confirmed.object("user")).containsEntry("id", signedUp.object("user").get("id"))
			.containsEntry("email", newEmail);
		signIn(newEmail, PASSWORD).expectStatus(200);
		assertThat(signIn(oldEmail, PASSWORD).code()).isEqualTo("auth.invalid_credentials");
		assertThat(verify(Map.of("type", "email_change", "token", newToken)).code()).isEqualTo("auth.code_invalid");
		assertThat(verify(Map.of("type", "email_change", "token", currentToken)).code()).isEqualTo("auth.code_invalid");
	}

	private String mailedCode(String email, String subject) {
		return mailed(email, subject, CODE, null);
	}

	private String mailed(String email, String subject, Pattern pattern) {
		return mailed(email, subject, pattern, null);
	}

	private String awaitNewCode(String email, String subject, String seenBefore) {
		return mailed(email, subject, CODE, seenBefore);
	}

	/**
	 * Waits for the newest mail with the subject in the project's local mailbox, and
	 * returns what the pattern finds in it unless that was seen before (the mail is sent
	 * in the background).
	 */
	private String mailed(String email, String subject, Pattern pattern, String seenBefore) {
		for (int i = 0; i < 100; i++) {
			List<Map<String, Object>> mails = this.api.get("/auth/v1/admin/mailbox?to=" + email)
				.apikey(this.secretKey)
				.send()
				.expectStatus(200)
				.items();
			Map<String, Object> newest = mails.stream()
				.filter((mail) -> subject.equals(mail.get("subject")))
				.findFirst()
				.orElse(null);
			if (newest != null) {
				Matcher found = pattern.matcher((String) newest.get("body"));
				if (found.find() && !found.group(1).equals(seenBefore)) {
					return found.group(1);
				}
			}
			SpringbaseStack.sleep(Duration.ofMillis(100));
		}
		throw new AssertionError("No new mail '" + subject + "' to " + email);
	}

	private Response recover(String email) {
		return this.api.post("/auth/v1/recover").apikey(this.publishableKey).json(Map.of("email", email)).send();
	}

	private static void storePasswordHash(String userId, String hash) throws SQLException {
		try (Connection connection = SpringbaseStack.get().connectToDatabase();
				PreparedStatement update = connection
					.prepareStatement("update auth.users set password_hash = ? where id = ?")) {
			update.setString(1, hash);
			update.setObject(2, UUID.fromString(userId));
			assertThat(update.executeUpdate()).isOne();
		}
	}

	private static String storedPasswordHash(String userId) throws SQLException {
		try (Connection connection = SpringbaseStack.get().connectToDatabase();
				PreparedStatement query = connection
					.prepareStatement("select password_hash from auth.users where id = ?")) {
			query.setObject(1, UUID.fromString(userId));
			try (ResultSet row = query.executeQuery()) {
				assertThat(row.next()).isTrue();
				return row.getString(1);
			}
		}
	}

	private Response verify(Map<String, String> body) {
		return this.api.post("/auth/v1/verify").apikey(this.publishableKey).json(body).send();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> claims(Response tokens) {
		String payload = tokens.string("accessToken").split("\\.")[1];
		return JSON.readValue(Base64.getUrlDecoder().decode(payload), Map.class);
	}

	private Response signUp(String email) {
		return this.api.post("/auth/v1/signup")
			.apikey(this.publishableKey)
			.json(Map.of("email", email, "password", PASSWORD))
			.send();
	}

	private Response signIn(String email, String password) {
		return this.api.post("/auth/v1/token?grant_type=password")
			.apikey(this.publishableKey)
			.json(Map.of("email", email, "password", password))
			.send();
	}

	private Response refresh(String refreshToken) {
		return this.api.post("/auth/v1/token?grant_type=refresh_token")
			.apikey(this.publishableKey)
			.json(Map.of("refreshToken", refreshToken))
			.send();
	}

	private static String unique(String name) {
		return name + "-" + System.nanoTime() + "@system.test";
	}

}
