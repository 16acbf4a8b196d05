package dev.springbase.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Without an SMTP server, mails land in the project's local mailbox. */
class MailboxTests extends AuthServiceTests {

	@Test
	void keepsMailsPerProjectAndTheirLinksWork() {
		EndUsers users = EndUsers.newProject(this.api, "mailbox-owner@test.local");
		EndUsers others = EndUsers.newProject(this.api, "mailbox-other@test.local");
		users.newUser("local@example.com");

		List<Map<String, Object>> mails = await().atMost(Duration.ofSeconds(10))
			.until(() -> users.admin(HttpMethod.GET, "/mailbox?to=local@example.com", null).items(),
					(items) -> !items.isEmpty());
		Map<String, Object> mail = mails.getFirst();
		assertThat(mail).containsEntry("to", "local@example.com")
			.containsEntry("from", "no-reply@springbase.local")
			.containsEntry("subject", "Confirm your email address");
		String body = (String) mail.get("body");
		assertThat(body).contains("http://localhost:3000?token=");
		Matcher token = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(body);
		assertThat(token.find()).isTrue();
		Reply verified = users.call(HttpMethod.POST, "/auth/v1/verify", users.anonToken,
				Map.of("type", "signup", "token", token.group(1)));
		assertThat(verified.status()).isEqualTo(200);

		Reply console = this.api.get("/auth/v1/projects/" + users.projectId + "/mailbox", users.ownerToken);
		assertThat(console.items()).hasSize(1);
		assertThat(others.admin(HttpMethod.GET, "/mailbox", null).items()).isEmpty();
		Reply foreign = this.api.get("/auth/v1/projects/" + users.projectId + "/mailbox", others.ownerToken);
		assertThat(foreign.status()).isEqualTo(404);
		Reply byPublishableKey = users.call(HttpMethod.GET, "/auth/v1/admin/mailbox", users.anonToken, null);
		assertThat(byPublishableKey.status()).isEqualTo(403);
	}

}
