package dev.springbase.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change to a user that lands while another change to the same user is under way is
 * kept: each writer reads the row it writes back under a lock. The test holds the user's
 * row, lets a request start and wait for it, commits a change of its own (what a
 * concurrent request would commit), and then checks that the request did not write the
 * row back as it was before.
 */
class ConcurrentUserChangesTests extends AuthServiceTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aUsersOwnUpdateKeepsABanCommittedMeanwhile() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "race-ban-owner@test.local");
		Reply signedUp = users.newUser("racer@example.com");
		UUID userId = UUID.fromString(EndUsers.userId(signedUp));
		Instant until = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

		Reply updated = whileRowIsHeld(userId,
				() -> users.call(HttpMethod.PUT, "/auth/v1/user", signedUp.string("accessToken"),
						Map.of("data", Map.of("theme", "dark"))),
				"update users set banned_until = ? where id = ?", until);

		assertThat(updated.status()).as("%s", updated.body()).isEqualTo(200);
		Map<String, Object> stored = this.jdbc
			.sql("select banned_until, user_metadata::text as metadata from users where id = :id")
			.param("id", userId)
			.query()
			.singleRow();
		assertThat(stored.get("banned_until")).as("the ban").isNotNull();
		assertThat((String) stored.get("metadata")).contains("\"theme\": \"dark\"");
	}

	@Test
	void anAdminsUpdateKeepsUserMetadataCommittedMeanwhile() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "race-admin-owner@test.local");
		UUID userId = UUID.fromString(EndUsers.userId(users.newUser("member@example.com")));

		Reply updated = whileRowIsHeld(userId,
				() -> users.admin(HttpMethod.PATCH, "/users/" + userId, Map.of("appMetadata", Map.of("plan", "pro"))),
				"update users set user_metadata = cast(? as jsonb) where id = ?", "{\"nickname\": \"mo\"}");

		assertThat(updated.status()).as("%s", updated.body()).isEqualTo(200);
		assertThat(updated.body()).extracting("userMetadata").isEqualTo(Map.of("nickname", "mo"));
		assertThat(updated.body()).extracting("appMetadata").isEqualTo(Map.of("plan", "pro"));
	}

	/**
	 * Locks the user's row, starts the request, waits until it waits for the lock,
	 * commits the given change while still holding the row, and returns the request's
	 * answer.
	 */
	private Reply whileRowIsHeld(UUID userId, Supplier<Reply> request, String change, Object value) throws Exception {
		CompletableFuture<Reply> answer;
		try (Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			try (PreparedStatement lock = holder.prepareStatement("select id from users where id = ? for update")) {
				lock.setObject(1, userId);
				lock.executeQuery().close();
			}
			answer = CompletableFuture.supplyAsync(request);
			await().atMost(Duration.ofSeconds(20)).until(this::someoneWaitsForARowLock);
			try (PreparedStatement update = holder.prepareStatement(change)) {
				update.setObject(1, (value instanceof Instant instant) ? Timestamp.from(instant) : value);
				update.setObject(2, userId);
				assertThat(update.executeUpdate()).isOne();
			}
			holder.commit();
		}
		return answer.get(20, TimeUnit.SECONDS);
	}

	private boolean someoneWaitsForARowLock() {
		return this.jdbc.sql(
				"select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
			.query(Integer.class)
			.single() > 0;
	}

}
