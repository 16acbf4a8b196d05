package dev.springbase.auth.housekeeping;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.springbase.platform.ids.Ids;
import dev.springbase.testsupport.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

@FreshDatabase
@SpringBootTest
class HousekeepingTests {

	@Autowired
	Housekeeping housekeeping;

	@Autowired
	JdbcClient jdbc;

	@Test
	void deletesSpentRecordsAndKeepsLiveOnes() {
		Instant now = Instant.now();
		UUID projectId = Ids.newId();
		this.jdbc.sql("insert into projects (id, name, created_at, updated_at) values (:id, 'p', now(), now())")
			.param("id", projectId)
			.update();
		UUID userId = Ids.newId();
		this.jdbc.sql("""
				insert into users (id, project_id, email, created_at, updated_at)
				values (:id, :projectId, 'u@example.com', now(), now())""")
			.param("id", userId)
			.param("projectId", projectId)
			.update();
		UUID live = session(projectId, userId, now.minus(Duration.ofDays(1)), null);
		UUID revokedLongAgo = session(projectId, userId, now.minus(Duration.ofDays(20)),
				now.minus(Duration.ofDays(10)));
		UUID revokedToday = session(projectId, userId, now.minus(Duration.ofDays(20)), now.minus(Duration.ofHours(1)));
		UUID abandoned = session(projectId, userId, now.minus(Duration.ofDays(60)), null);
		counter("stale", now.minus(Duration.ofHours(3)));
		counter("recent", now.minus(Duration.ofMinutes(5)));
		this.jdbc.sql("""
				insert into mailbox (id, project_id, recipient, sender, subject, body, created_at)
				values (:id, :projectId, 'u@example.com', 's@example.com', 'old', 'old', :createdAt)""")
			.param("id", Ids.newId())
			.param("projectId", projectId)
			.param("createdAt", now.minus(Duration.ofDays(8)).atOffset(ZoneOffset.UTC))
			.update();

		this.housekeeping.clean(now);

		assertThat(this.jdbc.sql("select id from sessions").query(UUID.class).list())
			.containsExactlyInAnyOrder(live, revokedToday)
			.doesNotContain(revokedLongAgo, abandoned);
		assertThat(this.jdbc.sql("select key from attempt_counters").query(String.class).list())
			.isEqualTo(List.of("recent"));
		assertThat(this.jdbc.sql("select count(*) from mailbox").query(Integer.class).single()).isZero();
	}

	private UUID session(UUID projectId, UUID userId, Instant refreshedAt, Instant revokedAt) {
		UUID id = Ids.newId();
		this.jdbc.sql("""
				insert into sessions (id, project_id, user_id, aal, created_at, refreshed_at, revoked_at)
				values (:id, :projectId, :userId, 'aal1', :refreshedAt, :refreshedAt, :revokedAt)""")
			.param("id", id)
			.param("projectId", projectId)
			.param("userId", userId)
			.param("refreshedAt", refreshedAt.atOffset(ZoneOffset.UTC))
			.param("revokedAt", (revokedAt != null) ? revokedAt.atOffset(ZoneOffset.UTC) : null)
			.update();
		return id;
	}

	private void counter(String key, Instant lastAttemptAt) {
		this.jdbc.sql("insert into attempt_counters (key, attempts, last_attempt_at) values (:key, 3, :at)")
			.param("key", key)
			.param("at", lastAttemptAt.atOffset(ZoneOffset.UTC))
			.update();
	}

}
