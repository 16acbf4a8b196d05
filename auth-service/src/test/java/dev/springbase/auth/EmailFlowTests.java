package dev.springbase.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
	void withSecureEmailChangeOffTheNewAddressAloneConfirmsAChange() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "change-owner@test.local");
		Reply off = users.admin(HttpMethod.PATCH, "/settings", Map.of("secureEmailChange", false));
		assertThat(off.status()).isEqualTo(200);
		assertThat(off.body()).containsEntry("secureEmailChange", false);
		Reply signedUp = users.newUser("old@example.com");
		users.call(HttpMethod.POST, "/auth/v1/otp", users.anonToken, Map.of("email", "old@example.com"));
		String oldAddressLink = linkToken((String) awaitMail("old@example.com", 2).getContent());
		Reply requested = requestEmailChange(users, signedUp, "new@example.com");
		assertThat(requested.body()).containsEntry("email", "old@example.com");
		assertPending(requested.body(), "new@example.com", "new");
		MimeMessage mail = awaitMail("new@example.com");
		assertThat(mail.getSubject()).isEqualTo("Confirm your new email address");
		assertThat(pendingTokens(users, "email_change_current")).as("nothing for the current address to confirm")
			.isZero();

		Reply confirmed = verify(users, Map.of("type", "email_change", "token", linkToken((String) mail.getContent())));
		assertThat(confirmed.status()).isEqualTo(200);
		assertThat(EndUsers.userId(confirmed)).isEqualTo(EndUsers.userId(signedUp));
		assertThat(users.signIn("new@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
		assertThat(users.signIn("old@example.com", EndUsers.PASSWORD).status()).isEqualTo(401);
		Reply staleLink = verify(users, Map.of("type", "magiclink", "token", oldAddressLink));
		assertThat(staleLink.status()).isEqualTo(401);
		assertThat(staleLink.code()).isEqualTo("auth.code_invalid");
		assertThat(smtp.getReceivedMessagesForDomain("old@example.com")).as("no mail to the old address").hasSize(2);

		Reply anotherProject = EndUsers.newProject(this.api, "change-other@test.local")
			.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken, Map.of("type", "magiclink", "token", "x"));
		assertThat(anotherProject.status()).isEqualTo(401);
	}

	@Test
	void aSecureEmailChangeWaitsForTheCurrentAddressAfterTheNewOne() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "secure-owner@test.local");
		assertThat(users.admin(HttpMethod.GET, "/settings", null).body()).as("on by default, as in Supabase")
			.containsEntry("secureEmailChange", true);
		Reply signedUp = users.newUser("ines@example.com");
		awaitMail("ines@example.com");
		assertThat(requestEmailChange(users, signedUp, "ines.renamed@example.com").body()).containsEntry("email",
				"ines@example.com");
		MimeMessage toNew = awaitMail("ines.renamed@example.com");
		assertThat(toNew.getSubject()).isEqualTo("Confirm your new email address");
		MimeMessage toCurrent = awaitMail("ines@example.com", 2);
		assertThat(toCurrent.getSubject()).isEqualTo("Confirm your email address change");
		String currentBody = (String) toCurrent.getContent();
		assertThat(currentBody).contains("from ines@example.com to ines.renamed@example.com")
			.containsPattern("type=email_change\\s")
			.doesNotContain("{{");

		String newLink = linkToken((String) toNew.getContent());
		Reply halfway = verify(users, Map.of("type", "email_change", "token", newLink));
		assertThat(halfway.status()).isEqualTo(200);
		assertThat(halfway.body()).containsEntry("emailChangePending", true)
			.containsEntry("confirmed", "new")
			.doesNotContainKeys("accessToken", "refreshToken", "user");
		assertThat(users.signIn("ines.renamed@example.com", EndUsers.PASSWORD).status()).isEqualTo(401);
		assertThat(users.call(HttpMethod.GET, "/auth/v1/user", signedUp.string("accessToken"), null).body())
			.containsEntry("email", "ines@example.com");
		Reply reusedLink = verify(users, Map.of("type", "email_change", "token", newLink));
		assertThat(reusedLink.status()).isEqualTo(401);
		assertThat(reusedLink.code()).isEqualTo("auth.code_invalid");

		String code = code(currentBody);
		Reply wrong = verify(users,
				Map.of("type", "email_change", "email", "ines@example.com", "code", otherThan(code)));
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.code()).isEqualTo("auth.code_invalid");
		Reply wrongType = verify(users, Map.of("type", "magiclink", "email", "ines@example.com", "code", code));
		assertThat(wrongType.code()).isEqualTo("auth.code_invalid");
		Reply halfAsType = verify(users,
				Map.of("type", "email_change_current", "email", "ines@example.com", "code", code));
		assertThat(halfAsType.status()).as("both halves go by email_change").isEqualTo(400);
		assertThat(halfAsType.code()).isEqualTo("auth.invalid_verification_type");
		Reply applied = verify(users, Map.of("type", "email_change", "email", "Ines@Example.com", "code", code));
		assertThat(applied.status()).isEqualTo(200);
		assertThat(applied.string("accessToken")).isNotNull();
		assertThat(EndUsers.userId(applied)).isEqualTo(EndUsers.userId(signedUp));
		assertThat(applied.body().get("user")).extracting("email").isEqualTo("ines.renamed@example.com");
		assertThat(applied.body().get("user")).extracting("emailConfirmedAt").isNotNull();
		assertThat(users.signIn("ines.renamed@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
		assertThat(users.signIn("ines@example.com", EndUsers.PASSWORD).status()).isEqualTo(401);
		Reply reusedCode = verify(users, Map.of("type", "email_change", "email", "ines@example.com", "code", code));
		assertThat(reusedCode.status()).isEqualTo(401);
		assertThat(reusedCode.code()).isEqualTo("auth.code_invalid");
	}

	@Test
	void aSecureEmailChangeWaitsForTheNewAddressAfterTheCurrentOne() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "secure-reverse-owner@test.local");
		Reply templated = users.admin(HttpMethod.PATCH, "/settings", Map.of("mailTemplates", Map
			.of("email_change_current", Map.of("subject", "Moving {{email}} to {{newEmail}}?", "body",
					"If you asked to sign in as {{newEmail}} from now on, open {{link}} or enter code {{code}}."))));
		assertThat(templated.status()).as("%s", templated.body()).isEqualTo(200);
		Reply signedUp = users.newUser("omar@example.com");
		awaitMail("omar@example.com");
		requestEmailChange(users, signedUp, "omar.renamed@example.com");
		MimeMessage toCurrent = awaitMail("omar@example.com", 2);
		assertThat(toCurrent.getSubject()).isEqualTo("Moving omar@example.com to omar.renamed@example.com?");
		assertThat((String) toCurrent.getContent()).startsWith("If you asked to sign in as omar.renamed@example.com");

		Reply halfway = verify(users,
				Map.of("type", "email_change", "token", linkToken((String) toCurrent.getContent())));
		assertThat(halfway.status()).isEqualTo(200);
		assertThat(halfway.body()).containsEntry("emailChangePending", true)
			.containsEntry("confirmed", "current")
			.doesNotContainKey("accessToken");
		assertThat(users.signIn("omar@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);

		String code = code((String) awaitMail("omar.renamed@example.com").getContent());
		Reply byOldAddress = verify(users, Map.of("type", "email_change", "email", "omar@example.com", "code", code));
		assertThat(byOldAddress.code()).as("the code belongs to the new address").isEqualTo("auth.code_invalid");
		Reply applied = verify(users,
				Map.of("type", "email_change", "email", "omar.renamed@example.com", "code", code));
		assertThat(applied.status()).isEqualTo(200);
		assertThat(applied.string("accessToken")).isNotNull();
		assertThat(applied.body().get("user")).extracting("email").isEqualTo("omar.renamed@example.com");
		assertThat(users.signIn("omar.renamed@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void aNewEmailChangeRequestVoidsBothHalvesOfTheOlderOne() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "secure-again-owner@test.local");
		Reply signedUp = users.newUser("paula@example.com");
		awaitMail("paula@example.com");
		Reply first = requestEmailChange(users, signedUp, "paula.first@example.com");
		String firstNew = linkToken((String) awaitMail("paula.first@example.com").getContent());
		String firstCurrent = linkToken((String) awaitMail("paula@example.com", 2).getContent());
		assertThat(verify(users, Map.of("type", "email_change", "token", firstCurrent)).body())
			.containsEntry("emailChangePending", true);
		assertPending(me(users, signedUp), "paula.first@example.com", "new");

		requestEmailChange(users, signedUp, "paula.second@example.com");
		Map<String, Object> second = me(users, signedUp);
		assertPending(second, "paula.second@example.com", "current", "new");
		assertThat(Instant.parse((String) second.get("emailChangeSentAt")))
			.isAfter(Instant.parse(first.string("emailChangeSentAt")));
		assertThat(adminView(users, signedUp)).isEqualTo(second);
		String secondNew = linkToken((String) awaitMail("paula.second@example.com").getContent());
		String secondCurrent = code((String) awaitMail("paula@example.com", 3).getContent());
		Reply olderHalf = verify(users, Map.of("type", "email_change", "token", firstNew));
		assertThat(olderHalf.status()).isEqualTo(401);
		assertThat(olderHalf.code()).isEqualTo("auth.code_invalid");

		Reply newerHalf = verify(users, Map.of("type", "email_change", "token", secondNew));
		assertThat(newerHalf.body()).as("the older request's confirmation counts for nothing")
			.containsEntry("emailChangePending", true)
			.containsEntry("confirmed", "new");
		Reply applied = verify(users,
				Map.of("type", "email_change", "email", "paula@example.com", "code", secondCurrent));
		assertThat(applied.status()).isEqualTo(200);
		assertThat(applied.body().get("user")).extracting("email").isEqualTo("paula.second@example.com");
		assertThat(users.signIn("paula.first@example.com", EndUsers.PASSWORD).status()).isEqualTo(401);
	}

	@Test
	void emailChangesRequestedAtOnceLeaveOnlyOnePending() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "racing-change-owner@test.local");
		Reply signedUp = users.newUser("xavi@example.com");
		awaitMail("xavi@example.com");
		int racers = 8;
		List<String> addresses = IntStream.range(0, racers).mapToObj((i) -> "xavi." + i + "@example.com").toList();
		CyclicBarrier start = new CyclicBarrier(racers);
		List<Future<Reply>> replies = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(racers)) {
			for (String address : addresses) {
				replies.add(executor.submit(() -> {
					start.await();
					return users.call(HttpMethod.PUT, "/auth/v1/user", signedUp.string("accessToken"),
							Map.of("email", address));
				}));
			}
		}
		for (Future<Reply> reply : replies) {
			assertThat(reply.get().status()).as("%s", reply.get().body()).isEqualTo(200);
		}

		Map<String, Object> user = me(users, signedUp);
		assertThat(user).containsEntry("email", "xavi@example.com");
		String pending = (String) user.get("newEmail");
		assertThat(addresses).contains(pending);
		assertPending(user, pending, "current", "new");
		Map<String, String> toCurrent = new HashMap<>();
		for (int i = 2; i <= racers + 1; i++) {
			String body = (String) awaitMail("xavi@example.com", i).getContent();
			Matcher change = Pattern.compile("from xavi@example.com to (\\S+@example\\.com)").matcher(body);
			assertThat(change.find()).as("change in %s", body).isTrue();
			toCurrent.put(change.group(1), linkToken(body));
		}
		assertThat(toCurrent).as("one mail to the current address per request").containsOnlyKeys(addresses);
		for (int i = 0; i < racers; i++) {
			String address = addresses.get(i);
			if (address.equals(pending)) {
				continue;
			}
			// Each from its own client address, so that the refusals stay under the
			// throttle.
			users.address = "203.0.113." + (100 + i);
			Reply toNew = verify(users,
					Map.of("type", "email_change", "token", linkToken((String) awaitMail(address).getContent())));
			assertThat(toNew.code()).as("the new address of the voided change to %s", address)
				.isEqualTo("auth.code_invalid");
			Reply current = verify(users, Map.of("type", "email_change", "token", toCurrent.get(address)));
			assertThat(current.code()).as("the current address of the voided change to %s", address)
				.isEqualTo("auth.code_invalid");
		}
		assertPending(me(users, signedUp), pending, "current", "new");

		users.address = "203.0.113.99";
		Reply halfway = verify(users,
				Map.of("type", "email_change", "token", linkToken((String) awaitMail(pending).getContent())));
		assertThat(halfway.body()).containsEntry("emailChangePending", true).containsEntry("confirmed", "new");
		Reply applied = verify(users, Map.of("type", "email_change", "token", toCurrent.get(pending)));
		assertThat(applied.status()).isEqualTo(200);
		assertThat(applied.body().get("user")).extracting("email").isEqualTo(pending);
		assertNothingPending(me(users, signedUp));
	}

	@Test
	void anExpiredEmailChangeIsRefusedOnBothAddresses() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "secure-late-owner@test.local");
		Reply signedUp = users.newUser("quinn@example.com");
		awaitMail("quinn@example.com");
		requestEmailChange(users, signedUp, "quinn.renamed@example.com");
		String newLink = linkToken((String) awaitMail("quinn.renamed@example.com").getContent());
		String currentCode = code((String) awaitMail("quinn@example.com", 2).getContent());
		assertPending(me(users, signedUp), "quinn.renamed@example.com", "current", "new");
		this.jdbc.sql("update one_time_tokens set expires_at = now() - interval '1 second' where user_id = :id")
			.param("id", UUID.fromString(EndUsers.userId(signedUp)))
			.update();
		assertNothingPending(me(users, signedUp));
		assertNothingPending(adminView(users, signedUp));

		Reply newHalf = verify(users, Map.of("type", "email_change", "token", newLink));
		assertThat(newHalf.status()).isEqualTo(401);
		assertThat(newHalf.code()).isEqualTo("auth.code_expired");
		Reply currentHalf = verify(users,
				Map.of("type", "email_change", "email", "quinn@example.com", "code", currentCode));
		assertThat(currentHalf.status()).isEqualTo(401);
		assertThat(currentHalf.code()).isEqualTo("auth.code_expired");
		assertThat(users.signIn("quinn@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void anEmailChangeDoesNotApplyOnceTheAddressChangedOtherwise() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "secure-moved-owner@test.local");
		Reply signedUp = users.newUser("rosa@example.com");
		awaitMail("rosa@example.com");
		requestEmailChange(users, signedUp, "rosa.renamed@example.com");
		String newLink = linkToken((String) awaitMail("rosa.renamed@example.com").getContent());
		String currentLink = linkToken((String) awaitMail("rosa@example.com", 2).getContent());
		assertThat(verify(users, Map.of("type", "email_change", "token", currentLink)).body())
			.containsEntry("emailChangePending", true);
		Reply moved = users.admin(HttpMethod.PATCH, "/users/" + EndUsers.userId(signedUp),
				Map.of("email", "rosa.admin@example.com"));
		assertThat(moved.status()).isEqualTo(200);
		assertThat(moved.body()).as("a change from an address the user no longer has can never apply")
			.containsEntry("newEmail", null);
		assertNothingPending(me(users, signedUp));

		Reply stale = verify(users, Map.of("type", "email_change", "token", newLink));
		assertThat(stale.status()).isEqualTo(401);
		assertThat(stale.code()).isEqualTo("auth.code_invalid");
		assertThat(users.signIn("rosa.admin@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
		assertThat(users.signIn("rosa.renamed@example.com", EndUsers.PASSWORD).status()).isEqualTo(401);
	}

	@Test
	void aUserWithoutAnAddressConfirmsOnlyTheNewOne() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "secure-none-owner@test.local");
		Reply signedUp = users.newUser("sven@example.com");
		awaitMail("sven@example.com");
		// As a provider sign-in that vouched for no address leaves a user.
		this.jdbc.sql("update users set email = null where id = :id")
			.param("id", UUID.fromString(EndUsers.userId(signedUp)))
			.update();

		requestEmailChange(users, signedUp, "sven.renamed@example.com");
		Reply applied = verify(users, Map.of("type", "email_change", "token",
				linkToken((String) awaitMail("sven.renamed@example.com").getContent())));
		assertThat(applied.status()).isEqualTo(200);
		assertThat(applied.string("accessToken")).isNotNull();
		assertThat(applied.body().get("user")).extracting("email").isEqualTo("sven.renamed@example.com");
		assertThat(pendingTokens(users, "email_change_current")).isZero();
	}

	@Test
	void theUserAndItsAdminsSeeAPendingEmailChangeUntilItApplies() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "pending-owner@test.local");
		Reply tara = users.newUser("tara@example.com");
		Reply uma = users.newUser("uma@example.com");
		Reply vic = users.newUser("vic@example.com");
		awaitMail("tara@example.com");
		awaitMail("uma@example.com");
		assertNothingPending(me(users, tara));
		assertNothingPending(adminView(users, tara));

		Instant before = Instant.now();
		Reply requested = requestEmailChange(users, tara, "tara.renamed@example.com");
		assertThat(requested.body()).containsEntry("email", "tara@example.com");
		assertPending(requested.body(), "tara.renamed@example.com", "current", "new");
		assertThat(Instant.parse(requested.string("emailChangeSentAt"))).isBetween(before, Instant.now());
		assertThat(me(users, tara)).isEqualTo(requested.body());
		assertThat(adminView(users, tara)).isEqualTo(requested.body());
		requestEmailChange(users, uma, "uma.renamed@example.com");
		assertThat(users.admin(HttpMethod.GET, "/users?limit=10", null).items())
			.as("each user of a page with its own change, found in one look-up")
			.extracting((user) -> user.get("email"), (user) -> user.get("newEmail"))
			.containsExactly(tuple("tara@example.com", "tara.renamed@example.com"),
					tuple("uma@example.com", "uma.renamed@example.com"), tuple("vic@example.com", null));
		assertNothingPending(me(users, vic));
		Reply signedIn = users.signIn("tara@example.com", EndUsers.PASSWORD);
		assertThat(signedIn.body().get("user")).as("token answers show the user alike")
			.isEqualTo(me(users, tara))
			.extracting("newEmail")
			.isEqualTo("tara.renamed@example.com");
		assertThat(users.refresh(signedIn.string("refreshToken")).body().get("user")).extracting("newEmail")
			.isEqualTo("tara.renamed@example.com");

		Reply halfway = verify(users, Map.of("type", "email_change", "token",
				linkToken((String) awaitMail("tara.renamed@example.com").getContent())));
		assertThat(halfway.body()).containsEntry("confirmed", "new");
		assertPending(me(users, tara), "tara.renamed@example.com", "current");
		assertThat(me(users, tara).get("emailChangeSentAt")).isEqualTo(requested.string("emailChangeSentAt"));
		assertThat(adminView(users, tara)).isEqualTo(me(users, tara));
		assertPending(adminView(users, uma), "uma.renamed@example.com", "current", "new");

		Reply applied = verify(users, Map.of("type", "email_change", "token",
				linkToken((String) awaitMail("tara@example.com", 2).getContent())));
		assertThat(applied.status()).isEqualTo(200);
		@SuppressWarnings("unchecked")
		Map<String, Object> appliedUser = (Map<String, Object>) applied.body().get("user");
		assertThat(appliedUser).containsEntry("email", "tara.renamed@example.com");
		assertNothingPending(appliedUser);
		assertNothingPending(me(users, tara));
		assertNothingPending(adminView(users, tara));
		assertPending(adminView(users, uma), "uma.renamed@example.com", "current", "new");
	}

	@Test
	void theSettingsApiReadsAndWritesSecureEmailChangeAndRefusesBadInput() {
		EndUsers users = EndUsers.newProject(this.api, "secure-settings-owner@test.local");
		String console = "/auth/v1/projects/" + users.projectId + "/auth-settings";
		assertThat(users.call(HttpMethod.GET, console, users.ownerToken, null).body())
			.containsEntry("secureEmailChange", true);
		Reply off = users.call(HttpMethod.PATCH, console, users.ownerToken, Map.of("secureEmailChange", false));
		assertThat(off.status()).isEqualTo(200);
		assertThat(off.body()).containsEntry("secureEmailChange", false);
		Reply unrelated = users.admin(HttpMethod.PATCH, "/settings", Map.of("passwordMinLength", 12));
		assertThat(unrelated.body()).as("absent fields keep their value").containsEntry("secureEmailChange", false);
		assertThat(users.admin(HttpMethod.GET, "/settings", null).body()).containsEntry("secureEmailChange", false);

		Reply notABoolean = users.admin(HttpMethod.PATCH, "/settings", Map.of("secureEmailChange", "sometimes"));
		assertThat(notABoolean.status()).isEqualTo(400);
		assertThat(notABoolean.code()).isEqualTo("request.malformed_body");
		Reply unknownTemplate = users.admin(HttpMethod.PATCH, "/settings",
				Map.of("mailTemplates", Map.of("email_change_old", Map.of("subject", "s", "body", "b"))));
		assertThat(unknownTemplate.status()).isEqualTo(400);
		assertThat(unknownTemplate.code()).isEqualTo("request.validation_failed");
		Reply anon = users.call(HttpMethod.PATCH, "/auth/v1/admin/settings", users.anonToken,
				Map.of("secureEmailChange", true));
		assertThat(anon.status()).isEqualTo(403);
		assertThat(users.admin(HttpMethod.GET, "/settings", null).body()).containsEntry("secureEmailChange", false);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theApiDescriptionNamesBothAnswersOfVerify() {
		Reply docs = this.api.get("/v3/api-docs", null);
		assertThat(docs.status()).isEqualTo(200);
		Map<String, Object> paths = (Map<String, Object>) docs.body().get("paths");
		assertThat(paths.get("/auth/v1/verify")).extracting("post.responses.200.content")
			.asString()
			.contains("#/components/schemas/TokenResponse", "#/components/schemas/EmailChangePendingResponse");
		Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) docs.body().get("components"))
			.get("schemas");
		assertThat(schemas.get("UpdateSettingsRequest")).extracting("properties.secureEmailChange.description")
			.asString()
			.contains("both the current and the new address");
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

	private Reply requestEmailChange(EndUsers users, Reply signedIn, String newEmail) {
		Reply requested = users.call(HttpMethod.PUT, "/auth/v1/user", signedIn.string("accessToken"),
				Map.of("email", newEmail));
		assertThat(requested.status()).as("%s", requested.body()).isEqualTo(200);
		return requested;
	}

	/** The user as {@code GET /user} shows it to the signed-in user. */
	private static Map<String, Object> me(EndUsers users, Reply signedIn) {
		Reply me = users.call(HttpMethod.GET, "/auth/v1/user", signedIn.string("accessToken"), null);
		assertThat(me.status()).as("%s", me.body()).isEqualTo(200);
		return me.body();
	}

	/** The user as the admin API shows it. */
	private static Map<String, Object> adminView(EndUsers users, Reply signedIn) {
		Reply user = users.admin(HttpMethod.GET, "/users/" + EndUsers.userId(signedIn), null);
		assertThat(user.status()).as("%s", user.body()).isEqualTo(200);
		return user.body();
	}

	private static void assertPending(Map<String, Object> user, String newEmail, String... awaiting) {
		assertThat(user).containsEntry("newEmail", newEmail).containsKey("emailChangeSentAt");
		assertThat(user.get("emailChangeSentAt")).isNotNull();
		assertThat(user.get("emailChangeAwaiting")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.containsExactlyInAnyOrder((Object[]) awaiting);
	}

	private static void assertNothingPending(Map<String, Object> user) {
		assertThat(user).containsEntry("newEmail", null)
			.containsEntry("emailChangeSentAt", null)
			.containsEntry("emailChangeAwaiting", null);
	}

	private static Reply verify(EndUsers users, Map<String, String> body) {
		return users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken, body);
	}

	/** Live tokens of the project for the purpose. */
	private int pendingTokens(EndUsers users, String purpose) {
		return this.jdbc
			.sql("select count(*) from one_time_tokens where project_id = :project and purpose = :purpose "
					+ "and used_at is null")
			.param("project", users.projectId)
			.param("purpose", purpose)
			.query(Integer.class)
			.single();
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
