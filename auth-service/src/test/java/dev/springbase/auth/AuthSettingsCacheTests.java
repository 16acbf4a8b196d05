package dev.springbase.auth;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each instance caches projects' auth settings (tests run with a refresh interval of 2
 * seconds): a change through this instance applies to the very next attempt, one made
 * past it (by another instance) within the interval.
 */
class AuthSettingsCacheTests extends AuthServiceTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSettingChangedHereAppliesToTheNextSignIn() {
		EndUsers users = EndUsers.newProject(this.api, "cache-owner@test.local");
		users.newUser("unconfirmed@example.com");
		assertThat(users.signIn("unconfirmed@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);

		requireConfirmation(users, true);
		Reply refused = users.signIn("unconfirmed@example.com", EndUsers.PASSWORD);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.code()).isEqualTo("auth.email_not_confirmed");

		requireConfirmation(users, false);
		assertThat(users.signIn("unconfirmed@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void aSettingChangedElsewhereAppliesWithinTheRefreshInterval() {
		EndUsers users = EndUsers.newProject(this.api, "elsewhere-owner@test.local");
		requireConfirmation(users, false);
		users.newUser("later@example.com");
		assertThat(users.signIn("later@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);

		// What another instance's update writes.
		this.jdbc.sql("update auth_settings set email_confirmation_required = true where project_id = :projectId")
			.param("projectId", users.projectId)
			.update();
		assertThat(users.signIn("later@example.com", EndUsers.PASSWORD).status())
			.as("still the settings this instance read")
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(users.signIn("later@example.com", EndUsers.PASSWORD).code())
				.isEqualTo("auth.email_not_confirmed"));
	}

	@Test
	void theAdminReadsWhatIsStoredNotWhatIsCached() {
		EndUsers users = EndUsers.newProject(this.api, "stored-owner@test.local");
		requireConfirmation(users, false);
		users.newUser("reader@example.com");
		assertThat(users.signIn("reader@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);

		this.jdbc.sql("update auth_settings set password_min_length = 12 where project_id = :projectId")
			.param("projectId", users.projectId)
			.update();
		assertThat(users.admin(HttpMethod.GET, "/settings", null).body()).containsEntry("passwordMinLength", 12);
		Reply changed = users.admin(HttpMethod.PATCH, "/settings", Map.of("mfaRequired", false));
		assertThat(changed.body()).as("a partial change keeps what another instance stored")
			.containsEntry("passwordMinLength", 12);
	}

	private static void requireConfirmation(EndUsers users, boolean required) {
		Reply changed = users.admin(HttpMethod.PATCH, "/settings", Map.of("emailConfirmationRequired", required));
		assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
	}

}
