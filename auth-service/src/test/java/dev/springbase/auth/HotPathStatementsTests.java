package dev.springbase.auth;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements that a token refresh and a password sign-in run, counted at the JDBC
 * level: each reads its user, with the email change it has pending, once.
 */
class HotPathStatementsTests extends AuthServiceTests {

	@Autowired
	RequestStatements recorded;

	EndUsers users;

	@BeforeEach
	void setUp() {
		this.users = EndUsers.newProject(this.api, "hot-path-" + System.nanoTime() + "@test.local");
	}

	@Test
	void refreshReadsTheUserWithItsPendingEmailChangeOnceInOneTransaction() {
		Reply signedUp = this.users.newUser("refresh@example.com");
		requestEmailChange(signedUp, "refresh.renamed@example.com");
		// Warms what is cached (signing keys, settings) so that only the refresh counts.
		Reply warm = this.users.refresh(signedUp.string("refreshToken"));
		assertThat(warm.status()).isEqualTo(200);

		this.recorded.clear();
		Reply refreshed = this.users.refresh(warm.string("refreshToken"));

		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(refreshed.body().get("user")).extracting("newEmail").isEqualTo("refresh.renamed@example.com");
		// Rotate the presented token, find its session, read the user with its pending
		// change, touch the session, insert the next token; one commit.
		assertThat(this.recorded.statements()).as("%s", this.recorded.sql())
			.containsExactly("update refresh_tokens", "select sessions", "select users", "update sessions",
					"insert refresh_tokens");
		assertThat(this.recorded.commits()).isEqualTo(1);
	}

	@Test
	void passwordSignInReadsTheUserWithItsPendingEmailChangeOnce() {
		Reply signedUp = this.users.newUser("sign-in@example.com");
		requestEmailChange(signedUp, "sign-in.renamed@example.com");
		assertThat(this.users.signIn("sign-in@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);

		this.recorded.clear();
		Reply signedIn = this.users.signIn("sign-in@example.com", EndUsers.PASSWORD);

		assertThat(signedIn.status()).isEqualTo(200);
		assertThat(signedIn.body().get("user")).extracting("newEmail").isEqualTo("sign-in.renamed@example.com");
		// Check the throttle, read the user with its pending change (the project's
		// settings
		// are cached, and with no failures counted there are none to clear); then in one
		// transaction record the sign-in, insert the session, its refresh token and the
		// auth.user.signed_in event.
		assertThat(this.recorded.statements()).as("%s", this.recorded.sql())
			.containsExactly("select attempt_counters", "select users", "update users", "insert sessions",
					"insert refresh_tokens", "insert auth.event_outbox");
		assertThat(this.recorded.commits()).isEqualTo(3);
	}

	@Test
	void theUserReadsItselfWithItsPendingEmailChangeOnce() {
		Reply signedUp = this.users.newUser("me@example.com");
		requestEmailChange(signedUp, "me.renamed@example.com");
		String accessToken = signedUp.string("accessToken");

		this.recorded.clear();
		Reply me = this.users.call(HttpMethod.GET, "/auth/v1/user", accessToken, null);

		assertThat(me.status()).isEqualTo(200);
		assertThat(me.body()).containsEntry("newEmail", "me.renamed@example.com");
		// Check that the token's session is live, then read the user with its change.
		assertThat(this.recorded.statements()).as("%s", this.recorded.sql())
			.containsExactly("select sessions", "select users");
	}

	private void requestEmailChange(Reply signedIn, String newEmail) {
		Reply requested = this.users.call(HttpMethod.PUT, "/auth/v1/user", signedIn.string("accessToken"),
				Map.of("email", newEmail));
		assertThat(requested.status()).as("%s", requested.body()).isEqualTo(200);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Recording {

		@Bean
		static RequestStatements requestStatements() {
			return new RequestStatements();
		}

		@Bean
		FilterRegistrationBean<?> requestStatementsFilter(RequestStatements statements) {
			FilterRegistrationBean<?> registration = new FilterRegistrationBean<>(statements.filter());
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

}
