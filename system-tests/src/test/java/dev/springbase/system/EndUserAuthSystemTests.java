package dev.springbase.system;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.springbase.system.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End users through the gateway, as an app calls it: sign-up and sign-in with the
 * publishable key, the user's token accepted by every service, refresh rotation with
 * reuse detection, bans, and the project boundary between keys and tokens.
 */
class EndUserAuthSystemTests {

	private static final String PASSWORD = "correct horse battery staple";

	private static final Pattern CODE = Pattern.compile("code: (\\d{6})");

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
		String userId = user(signedUp).get("id").toString();

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
		assertThat(unknown.code()).isEqualTo(wrong.code());
		assertThat(unknown.string("detail")).isEqualTo(wrong.string("detail"));
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
	void aBannedUserCannotSignInOrRefresh() {
		String email = unique("dave");
		Response signedUp = signUp(email).expectStatus(200);
		String userId = user(signedUp).get("id").toString();
		this.api.post("/auth/v1/admin/users/" + userId + "/ban")
			.apikey(this.secretKey)
			.json(Map.of("until", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
			.send()
			.expectStatus(200);

		Response signIn = signIn(email, PASSWORD);
		assertThat(signIn.status()).isEqualTo(403);
		assertThat(signIn.code()).isEqualTo("auth.user_banned");
		assertThat(refresh(signedUp.string("refreshToken")).status()).isEqualTo(401);
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
		String id = user(anonymous).get("id").toString();
		String email = unique("anon");
		this.api.call("PUT", "/auth/v1/user")
			.apikey(this.publishableKey)
			.bearer(anonymous.string("accessToken"))
			.json(Map.of("email", email, "password", PASSWORD))
			.send()
			.expectStatus(200);
		Response signedIn = signIn(email, PASSWORD).expectStatus(200);
		assertThat(user(signedIn)).containsEntry("id", id).containsEntry("anonymous", false);
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

	/** Waits for the newest mail with the subject in the project's local mailbox. */
	private String mailedCode(String email, String subject) {
		for (int i = 0; i < 100; i++) {
			List<Map<String, Object>> mails = this.api.get("/auth/v1/admin/mailbox?to=" + email)
				.apikey(this.secretKey)
				.send()
				.expectStatus(200)
				.items();
			for (Map<String, Object> mail : mails) {
				Matcher code = CODE.matcher((String) mail.get("body"));
				if (subject.equals(mail.get("subject")) && code.find()) {
					return code.group(1);
				}
			}
			SpringbaseStack.sleep(Duration.ofMillis(100));
		}
		throw new AssertionError("No mail '" + subject + "' to " + email);
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

	@SuppressWarnings("unchecked")
	private static Map<String, Object> user(Response response) {
		return (Map<String, Object>) response.json().get("user");
	}

	private static String unique(String name) {
		return name + "-" + System.nanoTime() + "@system.test";
	}

}
