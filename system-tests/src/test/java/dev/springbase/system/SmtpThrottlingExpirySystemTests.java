package dev.springbase.system;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.util.UriComponentsBuilder;

import dev.springbase.system.Api.Response;
import dev.springbase.testsupport.passkeys.SoftwarePasskey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-user auth through the gateway of a stack of its own, set up as production would be
 * where the shared stack cannot: mails go to a real SMTP server (GreenMail) instead of
 * the local mailbox, the gateway trusts {@code X-Forwarded-For} (as behind a load
 * balancer), so tests can call from many client addresses, throttling per address is at
 * its production setting, and passkey challenges and provider sign-ins expire within
 * seconds. Email changes are mailed to both addresses, as projects have them by default,
 * and to the new one alone where a project turns that off.
 */
class SmtpThrottlingExpirySystemTests {

	private static final String PASSWORD = "correct horse battery staple";

	private static final String SITE = "https://app.example";

	private static final String REDIRECT = SITE + "/callback";

	/** How long passkey challenges and provider sign-ins last in this stack. */
	private static final Duration SHORT_TTL = Duration.ofSeconds(4);

	/** Free attempts per client address, as in production (application.yml). */
	private static final int FREE_ATTEMPTS_PER_ADDRESS = 30;

	private static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	private static final MockOAuth2Server provider = new MockOAuth2Server();

	private static SpringbaseStack stack;

	private static Api api;

	private final Browser browser = new Browser();

	private String publishableKey;

	private String secretKey;

	@BeforeAll
	static void startStack() {
		smtp.start();
		provider.start(0);
		stack = SpringbaseStack.startOwn("smtp",
				Map.ofEntries(Map.entry("SPRING_MAIL_HOST", "127.0.0.1"),
						Map.entry("SPRING_MAIL_PORT", String.valueOf(smtp.getSmtp().getPort())),
						Map.entry("SPRINGBASE_TRUST_FORWARDED_HEADERS", "true"),
						Map.entry("SPRINGBASE_AUTH_PROTECTION_ADDRESS_FREEATTEMPTS",
								String.valueOf(FREE_ATTEMPTS_PER_ADDRESS)),
						Map.entry("SPRINGBASE_AUTH_PASSKEYS_CHALLENGETTL", SHORT_TTL.toSeconds() + "s"),
						Map.entry("SPRINGBASE_AUTH_PROVIDERS_FLOWTTL", SHORT_TTL.toSeconds() + "s"),
						// It runs beside the shared stack, whose services hold their
						// pools too.
						Map.entry("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "5")),
				"auth-service");
		api = new Api(stack.gatewayUrl());
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.stop();
		}
		provider.shutdown();
		smtp.stop();
	}

	@BeforeEach
	void project() {
		String admin = api.adminToken();
		String projectId = api.createProject(admin, "Production-like", List.of());
		this.publishableKey = api.createKey(admin, projectId, "publishable").string("key");
		this.secretKey = api.createKey(admin, projectId, "secret").string("key");
		api.call("PATCH", "/auth/v1/admin/settings")
			.apikey(this.secretKey)
			.json(Map.of("siteUrl", SITE + "/auth", "mailSender", "hello@app.example"))
			.send()
			.expectStatus(200);
		api.call("PUT", "/auth/v1/admin/providers/corp")
			.apikey(this.secretKey)
			.json(Map.of("issuer", provider.issuerUrl("corp").toString(), "clientId", "app-client", "clientSecret",
					"app-secret"))
			.send()
			.expectStatus(200);
	}

	@Test
	void confirmationResetAndSignInLinksArriveOverSmtpAndWorkThroughTheGateway() throws Exception {
		api.call("PATCH", "/auth/v1/admin/settings")
			.apikey(this.secretKey)
			.json(Map.of("emailConfirmationRequired", true))
			.send()
			.expectStatus(200);
		String email = unique("smtp");
		assertThat(signUp(email).expectStatus(200).json()).containsEntry("confirmationRequired", true);
		assertThat(signIn(email, PASSWORD).code()).isEqualTo("auth.email_not_confirmed");

		MimeMessage confirmation = awaitMail(email, "Confirm your email address");
		assertThat(confirmation.getFrom()[0]).hasToString("hello@app.example");
		verifyLink(confirmation, "signup").expectStatus(200);
		signIn(email, PASSWORD).expectStatus(200);

		api.post("/auth/v1/recover").apikey(this.publishableKey).json(Map.of("email", email)).send().expectStatus(202);
		Response recovered = verifyLink(awaitMail(email, "Reset your password"), "recovery").expectStatus(200);
		api.call("PUT", "/auth/v1/user")
			.apikey(this.publishableKey)
			.bearer(recovered.string("accessToken"))
			.json(Map.of("password", "a brand new passphrase here"))
			.send()
			.expectStatus(200);
		assertThat(signIn(email, PASSWORD).code()).isEqualTo("auth.invalid_credentials");
		signIn(email, "a brand new passphrase here").expectStatus(200);

		api.post("/auth/v1/otp").apikey(this.publishableKey).json(Map.of("email", email)).send().expectStatus(202);
		MimeMessage magicLink = awaitMail(email, "Your sign-in link");
		Response signedIn = verifyLink(magicLink, "magiclink").expectStatus(200);
		assertThat(signedIn.object("user")).containsEntry("email", email);
		Response reused = verifyLink(magicLink, "magiclink");
		assertThat(reused.status()).as("a link works once").isEqualTo(401);
		assertThat(reused.code()).isEqualTo("auth.code_invalid");
		assertThat(api.get("/auth/v1/admin/mailbox").apikey(this.secretKey).send().expectStatus(200).items())
			.as("nothing goes to the local mailbox")
			.isEmpty();
	}

	@Test
	void aSecureEmailChangeMailsBothAddressesWithTheProjectsTemplatesAndAppliesOnceBothLinksAreFollowed()
			throws Exception {
		String oldEmail = unique("before");
		String newEmail = unique("after");
		Response requested = changeEmail(oldEmail, newEmail, Map.of("email_change",
				template("Is {{email}} yours now?",
						"Open {{link}} to sign in to App as {{email}} from now on (or enter {{code}})."),
				"email_change_current", template("Moving {{email}} to {{newEmail}}?",
						"Open {{link}} to sign in to App as {{newEmail}} instead of {{email}} (or enter {{code}}).")));
		assertThat(requested.string("email")).as("the old address holds until both confirm").isEqualTo(oldEmail);

		MimeMessage toNew = awaitMail(newEmail, "Is " + newEmail + " yours now?");
		MimeMessage toCurrent = awaitMail(oldEmail, "Moving " + oldEmail + " to " + newEmail + "?");
		assertThat(toNew.getFrom()[0]).hasToString("hello@app.example");
		assertThat(toCurrent.getFrom()[0]).hasToString("hello@app.example");
		assertThat((String) toNew.getContent()).startsWith("Open " + SITE + "/auth?")
			.contains("to sign in to App as " + newEmail + " from now on");
		assertThat((String) toCurrent.getContent()).startsWith("Open " + SITE + "/auth?")
			.contains("to sign in to App as " + newEmail + " instead of " + oldEmail);

		Response halfway = verifyLink(toNew, "email_change").expectStatus(200);
		assertThat(halfway.json()).containsEntry("emailChangePending", true)
			.containsEntry("confirmed", "new")
			.doesNotContainKey("accessToken");
		assertThat(signIn(newEmail, PASSWORD).code()).as("not before the current address confirms")
			.isEqualTo("auth.invalid_credentials");
		Response confirmed = verifyLink(toCurrent, "email_change").expectStatus(200);
		assertThat(confirmed.object("user")).containsEntry("email", newEmail);
		assertThat(confirmed.string("accessToken")).isNotBlank();
		assertThat(signIn(oldEmail, PASSWORD).code()).isEqualTo("auth.invalid_credentials");
		assertThat(signIn(newEmail, PASSWORD).expectStatus(200).object("user")).containsEntry("id",
				confirmed.object("user").get("id"));
		for (MimeMessage mail : List.of(toNew, toCurrent)) {
			Response reused = verifyLink(mail, "email_change");
			assertThat(reused.status()).as("a link works once").isEqualTo(401);
			assertThat(reused.code()).isEqualTo("auth.code_invalid");
		}
	}

	@Test
	void aSecureEmailChangeIsConfirmedWithTheCodesMailedToBothAddresses() throws Exception {
		String oldEmail = unique("coded-before");
		String newEmail = unique("coded-after");
		changeEmail(oldEmail, newEmail, Map.of());

		String currentCode = mailedCode(awaitMail(oldEmail, "Confirm your email address change"));
		String newCode = mailedCode(awaitMail(newEmail, "Confirm your new email address"));
		Response wrong = verifyCode("email_change", oldEmail, currentCode.equals("000000") ? "111111" : "000000");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.code()).isEqualTo("auth.code_invalid");
		Response halfway = verifyCode("email_change", oldEmail, currentCode).expectStatus(200);
		assertThat(halfway.json()).containsEntry("emailChangePending", true)
			.containsEntry("confirmed", "current")
			.doesNotContainKey("accessToken");
		assertThat(signIn(oldEmail, PASSWORD).status()).as("the old address holds until the new one confirms")
			.isEqualTo(200);

		Response byOldAddress = verifyCode("email_change", oldEmail, newCode);
		assertThat(byOldAddress.code()).as("the code belongs to the new address").isEqualTo("auth.code_invalid");
		Response confirmed = verifyCode("email_change", newEmail, newCode).expectStatus(200);
		assertThat(confirmed.object("user")).containsEntry("email", newEmail);
		assertThat(signIn(newEmail, PASSWORD).status()).isEqualTo(200);
		assertThat(signIn(oldEmail, PASSWORD).code()).isEqualTo("auth.invalid_credentials");
		Response reused = verifyCode("email_change", oldEmail, currentCode);
		assertThat(reused.status()).as("a code works once").isEqualTo(401);
		assertThat(reused.code()).isEqualTo("auth.code_invalid");
	}

	@Test
	void withSecureEmailChangeOffTheCodeMailedToTheNewAddressAloneConfirmsItOnce() throws Exception {
		api.call("PATCH", "/auth/v1/admin/settings")
			.apikey(this.secretKey)
			.json(Map.of("secureEmailChange", false))
			.send()
			.expectStatus(200);
		String oldEmail = unique("one-step-before");
		String newEmail = unique("one-step-after");
		changeEmail(oldEmail, newEmail, Map.of("email_change",
				template("Your code for {{email}}", "To use {{email}}, enter this code: {{code}}.")));

		String code = mailedCode(awaitMail(newEmail, "Your code for " + newEmail));
		Response wrong = verifyCode("email_change", newEmail, code.equals("000000") ? "111111" : "000000");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.code()).isEqualTo("auth.code_invalid");
		Response byOldAddress = verifyCode("email_change", oldEmail, code);
		assertThat(byOldAddress.code()).as("the code belongs to the new address").isEqualTo("auth.code_invalid");

		Response confirmed = verifyCode("email_change", newEmail, code).expectStatus(200);
		assertThat(confirmed.object("user")).containsEntry("email", newEmail);
		assertThat(signIn(newEmail, PASSWORD).status()).isEqualTo(200);
		assertThat(signIn(oldEmail, PASSWORD).code()).isEqualTo("auth.invalid_credentials");
		Response reused = verifyCode("email_change", newEmail, code);
		assertThat(reused.status()).as("a code works once").isEqualTo(401);
		assertThat(reused.code()).isEqualTo("auth.code_invalid");
		assertThat(newest(oldEmail, "Confirm your email address change")).as("nothing for the old address to confirm")
			.isNull();
	}

	@Test
	void aMailedCodeSignsInOnceAndAWrongCodeNever() throws Exception {
		String email = unique("code");
		api.post("/auth/v1/otp").apikey(this.publishableKey).json(Map.of("email", email)).send().expectStatus(202);
		MimeMessage mail = awaitMail(email, "Your sign-in link");
		assertThat(mail.getFrom()[0]).hasToString("hello@app.example");
		String code = mailedCode(mail);

		Response wrong = verifyCode("magiclink", email, code.equals("000000") ? "111111" : "000000");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.code()).isEqualTo("auth.code_invalid");
		Response signedIn = verifyCode("magiclink", email, code).expectStatus(200);
		assertThat(signedIn.string("refreshToken")).isNotBlank();
		assertThat(api.get("/auth/v1/user")
			.apikey(this.publishableKey)
			.bearer(signedIn.string("accessToken"))
			.send()
			.expectStatus(200)
			.string("email")).isEqualTo(email);
		Response reused = verifyCode("magiclink", email, code);
		assertThat(reused.status()).as("a code works once").isEqualTo(401);
		assertThat(reused.code()).isEqualTo("auth.code_invalid");
	}

	@Test
	void wrongPasswordsForOneAccountAreThrottledFromEveryAddressWithGrowingDelays() {
		String email = unique("target");
		signUp(email).expectStatus(200);
		int failures = 0;
		Response answer = signIn(email, "wrong password", "203.0.113." + failures);
		while (answer.status() == 401 && failures < 10) {
			failures++;
			answer = signIn(email, "wrong password", "203.0.113." + failures);
		}
		// Five are free; on a slow machine a sixth may come after the first 1 s delay.
		assertThat(failures).as("free attempts per account, each from a new address").isGreaterThanOrEqualTo(5);
		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.code()).isEqualTo("auth.too_many_attempts");
		long firstWait = Long.parseLong(answer.header("Retry-After"));

		// Each failure once the wait is over doubles the next wait: 2 s, then 4 s.
		awaitAFailureAfterTheWait(email, "198.51.100.1");
		awaitAFailureAfterTheWait(email, "198.51.100.2");
		Response longer = signIn(email, "wrong password", "198.51.100.3");
		assertThat(longer.status()).isEqualTo(429);
		assertThat(Long.parseLong(longer.header("Retry-After"))).isGreaterThan(firstWait);
		assertThat(signIn(email, PASSWORD, "198.51.100.4").status()).as("the right password from elsewhere waits too")
			.isEqualTo(429);
	}

	@Test
	void oneAddressTryingManyAccountsIsThrottledWhileOtherAddressesAreNot() {
		String email = unique("bystander");
		signUp(email).expectStatus(200);
		String sprayer = "192.0.2.77";
		int failures = 0;
		Response answer = signIn(unique("victim"), "Summer2024!", sprayer);
		while (answer.status() == 401 && failures < FREE_ATTEMPTS_PER_ADDRESS + 10) {
			failures++;
			answer = signIn(unique("victim"), "Summer2024!", sprayer);
		}
		assertThat(failures).as("free attempts per address").isGreaterThanOrEqualTo(FREE_ATTEMPTS_PER_ADDRESS);
		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.code()).isEqualTo("auth.too_many_attempts");
		assertThat(answer.header("Retry-After")).isNotNull();
		signIn(email, PASSWORD, "192.0.2.78").expectStatus(200);
	}

	@Test
	void passkeyChallengesAnsweredAfterTheyExpiredAreRefused() {
		Response signedUp = signUp(unique("passkey")).expectStatus(200);
		String token = signedUp.string("accessToken");
		SoftwarePasskey registered = new SoftwarePasskey(SITE);
		api.post("/auth/v1/passkeys/register")
			.apikey(this.publishableKey)
			.bearer(token)
			.json(registered.register(registrationOptions(token).json()))
			.send()
			.expectStatus(201);

		Response registration = registrationOptions(token);
		Response assertion = api.post("/auth/v1/passkeys/authenticate/options")
			.apikey(this.publishableKey)
			.send()
			.expectStatus(200);
		assertThat(((Map<?, ?>) registration.object("publicKey")).get("timeout")).isEqualTo((int) SHORT_TTL.toMillis());
		SpringbaseStack.sleep(SHORT_TTL.plusSeconds(1));

		Response lateRegistration = api.post("/auth/v1/passkeys/register")
			.apikey(this.publishableKey)
			.bearer(token)
			.json(new SoftwarePasskey(SITE).register(registration.json()))
			.send();
		assertThat(lateRegistration.status()).isEqualTo(401);
		assertThat(lateRegistration.code()).isEqualTo("auth.passkey_challenge_invalid");
		Response lateSignIn = passkeySignIn(registered, assertion);
		assertThat(lateSignIn.status()).isEqualTo(401);
		assertThat(lateSignIn.code()).isEqualTo("auth.passkey_challenge_invalid");
		assertThat(api.get("/auth/v1/passkeys").apikey(this.publishableKey).bearer(token).send().items())
			.as("only the passkey registered in time")
			.hasSize(1);
		Response fresh = api.post("/auth/v1/passkeys/authenticate/options")
			.apikey(this.publishableKey)
			.send()
			.expectStatus(200);
		passkeySignIn(registered, fresh).expectStatus(200);
	}

	@Test
	void aProviderSignInFinishedAfterItExpiredIsRefusedAndCreatesNoUser() {
		String email = unique("late");
		provider.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "corp-late", "JWT", List.of("app-client"),
				Map.of("email", email, "email_verified", true), 3600));
		Map<String, String> callback = this.browser.followRedirect(authorizeUrl(), REDIRECT);
		SpringbaseStack.sleep(SHORT_TTL.plusSeconds(1));

		Response late = api.post("/auth/v1/token?grant_type=oidc")
			.apikey(this.publishableKey)
			.json(Map.of("code", callback.get("code"), "state", callback.get("state")))
			.send();
		assertThat(late.status()).isEqualTo(401);
		assertThat(late.code()).isEqualTo("auth.oidc_state_invalid");
		assertThat(api.get("/auth/v1/admin/users?email=" + email).apikey(this.secretKey).send().items()).isEmpty();
	}

	private void awaitAFailureAfterTheWait(String email, String address) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> signIn(email, "wrong password", address).status() == 401);
	}

	private String authorizeUrl() {
		return api.post("/auth/v1/authorize")
			.apikey(this.publishableKey)
			.json(Map.of("provider", "corp", "redirectTo", REDIRECT))
			.send()
			.expectStatus(200)
			.string("url");
	}

	private Response registrationOptions(String token) {
		return api.post("/auth/v1/passkeys/register/options")
			.apikey(this.publishableKey)
			.bearer(token)
			.send()
			.expectStatus(200);
	}

	private Response passkeySignIn(SoftwarePasskey authenticator, Response options) {
		return api.post("/auth/v1/token?grant_type=passkey")
			.apikey(this.publishableKey)
			.json(Map.of("passkey", authenticator.assertion(options.json())))
			.send();
	}

	/**
	 * Does what the app's page at the mailed link does: hands the link's token and type
	 * to {@code POST /verify} with the project's key.
	 */
	private Response verifyLink(MimeMessage mail, String expectedType) throws Exception {
		String body = (String) mail.getContent();
		String link = Arrays.stream(body.split("\\s+"))
			.filter((word) -> word.startsWith(SITE + "/auth?"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No link to the site in: " + body));
		Map<String, String> query = UriComponentsBuilder.fromUriString(link)
			.build()
			.getQueryParams()
			.toSingleValueMap();
		assertThat(query).containsEntry("type", expectedType);
		return api.post("/auth/v1/verify")
			.apikey(this.publishableKey)
			.json(Map.of("type", query.get("type"), "token", query.get("token")))
			.send();
	}

	/**
	 * Gives the project's email change mails the templates (by purpose, none for the
	 * built-in ones), signs a user up with the old address and asks for the new one.
	 */
	private Response changeEmail(String oldEmail, String newEmail, Map<String, Map<String, String>> templates) {
		if (!templates.isEmpty()) {
			api.call("PATCH", "/auth/v1/admin/settings")
				.apikey(this.secretKey)
				.json(Map.of("mailTemplates", templates))
				.send()
				.expectStatus(200);
		}
		String token = signUp(oldEmail).expectStatus(200).string("accessToken");
		return api.call("PUT", "/auth/v1/user")
			.apikey(this.publishableKey)
			.bearer(token)
			.json(Map.of("email", newEmail))
			.send()
			.expectStatus(200);
	}

	private static Map<String, String> template(String subject, String body) {
		return Map.of("subject", subject, "body", body);
	}

	/** Does what the app's code form does: sends the address and the mailed code. */
	private Response verifyCode(String type, String email, String code) {
		return api.post("/auth/v1/verify")
			.apikey(this.publishableKey)
			.json(Map.of("type", type, "email", email, "code", code))
			.send();
	}

	private static String mailedCode(MimeMessage mail) throws Exception {
		String body = (String) mail.getContent();
		Matcher code = Pattern.compile("enter this code: (\\d{6})").matcher(body);
		assertThat(code.find()).as("a code in: %s", body).isTrue();
		return code.group(1);
	}

	/** The newest mail with the subject that the SMTP server received for the address. */
	private static MimeMessage awaitMail(String to, String subject) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> newest(to, subject), (mail) -> mail != null);
	}

	private static MimeMessage newest(String to, String subject) throws MessagingException {
		MimeMessage found = null;
		for (MimeMessage mail : smtp.getReceivedMessages()) {
			if (subject.equals(mail.getSubject()) && Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
				.anyMatch((a) -> a.toString().equals(to))) {
				found = mail;
			}
		}
		return found;
	}

	private Response signUp(String email) {
		return api.post("/auth/v1/signup")
			.apikey(this.publishableKey)
			.json(Map.of("email", email, "password", PASSWORD))
			.send();
	}

	private Response signIn(String email, String password) {
		return api.post("/auth/v1/token?grant_type=password")
			.apikey(this.publishableKey)
			.json(Map.of("email", email, "password", password))
			.send();
	}

	/**
	 * A sign-in from a client at the address, as the load balancer in front reports it.
	 */
	private Response signIn(String email, String password, String clientAddress) {
		return api.post("/auth/v1/token?grant_type=password")
			.apikey(this.publishableKey)
			.header("X-Forwarded-For", clientAddress)
			.json(Map.of("email", email, "password", password))
			.send();
	}

	private static String unique(String name) {
		return name + "-" + System.nanoTime() + "@system.test";
	}

}
