package dev.springbase.auth;

import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/** The email flows against a real SMTP server (GreenMail) on a free port. */
class EmailFlowTests extends AuthServiceTests {

	static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static {
		smtp.start();
	}

	@DynamicPropertySource
	static void smtpServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@Autowired
	JdbcClient jdbc;

	@Test
	void requiredConfirmationHoldsSignInUntilTheMailedLinkIsFollowed() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "confirm-owner@test.local");
		Reply settings = users.admin(HttpMethod.PATCH, "/settings",
				Map.of("emailConfirmationRequired", true, "mailSender", "hello@myapp.example", "siteUrl",
						"https://myapp.example/auth/callback", "mailTemplates", Map.of("signup", Map.of("subject",
								"Welcome to MyApp", "body", "Hi {{email}}, confirm here: {{link}} (code {{code}})"))));
		assertThat(settings.status()).as("%s", settings.body()).isEqualTo(200);

		Reply signedUp = users.signUp("confirm@example.com", EndUsers.PASSWORD);
		assertThat(signedUp.status()).isEqualTo(200);
		assertThat(signedUp.body()).containsEntry("confirmationRequired", true).doesNotContainKey("accessToken");
		Reply early = users.signIn("confirm@example.com", EndUsers.PASSWORD);
		assertThat(early.status()).isEqualTo(403);
		assertThat(early.code()).isEqualTo("auth.email_not_confirmed");

		MimeMessage mail = awaitMail("confirm@example.com");
		assertThat(mail.getSubject()).isEqualTo("Welcome to MyApp");
		assertThat(mail.getFrom()[0]).hasToString("hello@myapp.example");
		String body = (String) mail.getContent();
		assertThat(body).startsWith("Hi confirm@example.com, confirm here: https://myapp.example/auth/callback?token=")
			.contains("type=signup");
		String token = linkToken(body);

		Reply verified = users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken,
				Map.of("type", "signup", "token", token));
		assertThat(verified.status()).isEqualTo(200);
		assertThat(verified.string("accessToken")).isNotNull();
		assertThat(users.signIn("confirm@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);

		Reply reused = users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken,
				Map.of("type", "signup", "token", token));
		assertThat(reused.status()).isEqualTo(401);
		assertThat(reused.code()).isEqualTo("auth.code_invalid");

		// Signing up again with the taken address answers exactly like a new one.
		Reply again = users.signUp("confirm@example.com", EndUsers.PASSWORD);
		assertThat(again.body()).isEqualTo(signedUp.body());
	}

	@Test
	void optionalConfirmationSignsInAtOnceAndTheCodeConfirmsLater() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "optional-owner@test.local");
		Reply signedUp = users.newUser("optional@example.com");
		assertThat(signedUp.string("accessToken")).isNotNull();
		String code = code((String) awaitMail("optional@example.com").getContent());

		Reply wrong = users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken,
				Map.of("type", "signup", "email", "optional@example.com", "code", otherThan(code)));
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.code()).isEqualTo("auth.code_invalid");
		Reply wrongType = users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken,
				Map.of("type", "recovery", "email", "optional@example.com", "code", code));
		assertThat(wrongType.code()).isEqualTo("auth.code_invalid");

		Reply verified = users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken,
				Map.of("type", "signup", "email", "Optional@Example.com", "code", code));
		assertThat(verified.status()).isEqualTo(200);
		@SuppressWarnings("unchecked")
		Map<String, Object> user = (Map<String, Object>) verified.body().get("user");
		assertThat(user.get("emailConfirmedAt")).isNotNull();
	}

	@Test
	void passwordResetByMailedCodeAnswersAlikeForUnknownAddresses() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "reset-owner@test.local");
		users.newUser("forgetful@example.com");
		awaitMail("forgetful@example.com");

		Reply known = users.call(HttpMethod.POST, "/auth/v1/recover", users.anonToken,
				Map.of("email", "forgetful@example.com"));
		Reply unknown = users.call(HttpMethod.POST, "/auth/v1/recover", users.anonToken,
				Map.of("email", "stranger@example.com"));
		assertThat(known.status()).isEqualTo(202);
		assertThat(unknown.status()).isEqualTo(202);
		assertThat(unknown.body()).isEqualTo(known.body());
		MimeMessage mail = awaitMail("forgetful@example.com", 2);
		assertThat(mail.getSubject()).isEqualTo("Reset your password");
		String code = code((String) mail.getContent());

		Reply signedIn = users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken,
				Map.of("type", "recovery", "email", "forgetful@example.com", "code", code));
		assertThat(signedIn.status()).isEqualTo(200);
		Reply changed = users.call(HttpMethod.PUT, "/auth/v1/user", signedIn.string("accessToken"),
				Map.of("password", "a completely different passphrase"));
		assertThat(changed.status()).isEqualTo(200);
		assertThat(users.signIn("forgetful@example.com", "a completely different passphrase").status()).isEqualTo(200);
		assertThat(users.signIn("forgetful@example.com", EndUsers.PASSWORD).status()).isEqualTo(401);
		assertThat(smtp.getReceivedMessagesForDomain("stranger@example.com")).isEmpty();

		users.call(HttpMethod.POST, "/auth/v1/recover", users.anonToken, Map.of("email", "forgetful@example.com"));
		String expiring = code((String) awaitMail("forgetful@example.com", 3).getContent());
		this.jdbc.sql("update one_time_tokens set expires_at = now() - interval '1 second' where used_at is null")
			.update();
		Reply expired = users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken,
				Map.of("type", "recovery", "email", "forgetful@example.com", "code", expiring));
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.code()).isEqualTo("auth.code_expired");
	}

	@Test
	void magicLinkAndCodeSignInCreateTheUserOnFirstUse() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "magic-owner@test.local");
		assertThat(users.call(HttpMethod.POST, "/auth/v1/otp", users.anonToken, Map.of("email", "magic@example.com"))
			.status()).isEqualTo(202);
		MimeMessage first = awaitMail("magic@example.com");
		assertThat(first.getSubject()).isEqualTo("Your sign-in link");
		Reply byLink = users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken,
				Map.of("type", "magiclink", "token", linkToken((String) first.getContent())));
		assertThat(byLink.status()).isEqualTo(200);
		String userId = EndUsers.userId(byLink);

		users.call(HttpMethod.POST, "/auth/v1/otp", users.anonToken, Map.of("email", "magic@example.com"));
		String code = code((String) awaitMail("magic@example.com", 2).getContent());
		Reply byCode = users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken,
				Map.of("type", "magiclink", "email", "magic@example.com", "code", code));
		assertThat(byCode.status()).isEqualTo(200);
		assertThat(EndUsers.userId(byCode)).isEqualTo(userId);
		Reply usedCode = users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken,
				Map.of("type", "magiclink", "email", "magic@example.com", "code", code));
		assertThat(usedCode.code()).isEqualTo("auth.code_invalid");

		users.call(HttpMethod.POST, "/auth/v1/otp", users.anonToken,
				Map.of("email", "nobody@example.com", "createUser", false));
		users.call(HttpMethod.POST, "/auth/v1/otp", users.anonToken, Map.of("email", "magic@example.com"));
		awaitMail("magic@example.com", 3);
		assertThat(smtp.getReceivedMessagesForDomain("nobody@example.com")).isEmpty();
	}

	@Test
	void emailChangeTakesEffectWhenTheNewAddressConfirms() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "change-owner@test.local");
		Reply signedUp = users.newUser("old@example.com");
		users.call(HttpMethod.POST, "/auth/v1/otp", users.anonToken, Map.of("email", "old@example.com"));
		String oldAddressLink = linkToken((String) awaitMail("old@example.com", 2).getContent());
		Reply requested = users.call(HttpMethod.PUT, "/auth/v1/user", signedUp.string("accessToken"),
				Map.of("email", "new@example.com"));
		assertThat(requested.status()).isEqualTo(200);
		assertThat(requested.body()).containsEntry("email", "old@example.com");
		MimeMessage mail = awaitMail("new@example.com");
		assertThat(mail.getSubject()).isEqualTo("Confirm your new email address");

		Reply confirmed = users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken,
				Map.of("type", "email_change", "token", linkToken((String) mail.getContent())));
		assertThat(confirmed.status()).isEqualTo(200);
		assertThat(EndUsers.userId(confirmed)).isEqualTo(EndUsers.userId(signedUp));
		assertThat(users.signIn("new@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
		assertThat(users.signIn("old@example.com", EndUsers.PASSWORD).status()).isEqualTo(401);
		Reply staleLink = users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken,
				Map.of("type", "magiclink", "token", oldAddressLink));
		assertThat(staleLink.status()).isEqualTo(401);
		assertThat(staleLink.code()).isEqualTo("auth.code_invalid");

		Reply anotherProject = EndUsers.newProject(this.api, "change-other@test.local")
			.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken, Map.of("type", "magiclink", "token", "x"));
		assertThat(anotherProject.status()).isEqualTo(401);
	}

	@Test
	void aLinkTokenWorksOnlyInItsProject() throws Exception {
		EndUsers mine = EndUsers.newProject(this.api, "link-mine@test.local");
		EndUsers theirs = EndUsers.newProject(this.api, "link-theirs@test.local");
		mine.call(HttpMethod.POST, "/auth/v1/otp", mine.anonToken, Map.of("email", "linked@example.com"));
		String token = linkToken((String) awaitMail("linked@example.com").getContent());
		Reply elsewhere = theirs.call(HttpMethod.POST, "/auth/v1/verify", theirs.anonToken,
				Map.of("type", "magiclink", "token", token));
		assertThat(elsewhere.status()).isEqualTo(401);
		assertThat(elsewhere.code()).isEqualTo("auth.code_invalid");
		assertThat(mine
			.call(HttpMethod.POST, "/auth/v1/verify", mine.anonToken, Map.of("type", "magiclink", "token", token))
			.status()).isEqualTo(200);
	}

	private static MimeMessage awaitMail(String to) throws InterruptedException {
		return awaitMail(to, 1);
	}

	/** Waits for the {@code count}-th mail to the address and returns it. */
	private static MimeMessage awaitMail(String to, int count) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			MimeMessage[] received = smtp.getReceivedMessagesForDomain(to);
			if (received.length >= count) {
				return received[count - 1];
			}
			Thread.sleep(100);
		}
		throw new AssertionError("No mail number " + count + " to " + to + " within 10 s; got "
				+ Arrays.toString(smtp.getReceivedMessagesForDomain(to)));
	}

	private static String linkToken(String body) {
		Matcher matcher = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(body);
		assertThat(matcher.find()).as("link in %s", body).isTrue();
		return matcher.group(1);
	}

	private static String code(String body) {
		Matcher matcher = Pattern.compile("code:? (\\d{6})").matcher(body);
		assertThat(matcher.find()).as("code in %s", body).isTrue();
		return matcher.group(1);
	}

	private static String otherThan(String code) {
		return code.equals("000000") ? "111111" : "000000";
	}

}
