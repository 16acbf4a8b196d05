package dev.springbase.auth.housekeeping;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.auth.config.AuthProperties;
import dev.springbase.platform.jdbc.Timestamps;

/**
 * Keeps the end-user tables from growing without bound. Runs every hour on whichever
 * instance takes the advisory lock first; the others skip that round.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Housekeeping {

	private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

	/** How long spent records stay for support questions before they go. */
	static final Duration RETENTION = Duration.ofDays(7);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AuthProperties properties;

	Housekeeping(JdbcClient jdbc, TransactionTemplate transactions, AuthProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
	void run() {
		this.transactions.executeWithoutResult((status) -> {
			boolean locked = this.jdbc.sql("select pg_try_advisory_xact_lock(hashtext('auth.housekeeping'))")
				.query(Boolean.class)
				.single();
			if (locked) {
				clean(Timestamps.now());
			}
		});
	}

	void clean(Instant now) {
		Duration throttleWindow = longer(this.properties.protection().account().window(),
				this.properties.protection().address().window());
		int counters = this.jdbc.sql("""
				delete from attempt_counters
				where last_attempt_at < :forgetBefore and (blocked_until is null or blocked_until < :now)""")
			.param("forgetBefore", Timestamps.toSql(now.minus(throttleWindow)))
			.param("now", Timestamps.toSql(now))
			.update();
		// Refresh tokens go with their sessions (on delete cascade).
		int sessions = this.jdbc.sql("""
				delete from sessions
				where coalesce(revoked_at, refreshed_at + cast(:inactivity as interval)) < :before""")
			.param("inactivity", this.properties.sessions().inactivityTimeout().toSeconds() + " seconds")
			.param("before", Timestamps.toSql(now.minus(RETENTION)))
			.update();
		int tokens = this.jdbc.sql("delete from one_time_tokens where least(used_at, expires_at) < :before")
			.param("before", Timestamps.toSql(now.minus(RETENTION)))
			.update();
		tokens += this.jdbc.sql("delete from oidc_flows where expires_at < :before")
			.param("before", Timestamps.toSql(now.minus(RETENTION)))
			.update();
		tokens += this.jdbc.sql("delete from webauthn_challenges where expires_at < :before")
			.param("before", Timestamps.toSql(now.minus(RETENTION)))
			.update();
		int mails = this.jdbc.sql("delete from mailbox where created_at < :before")
			.param("before", Timestamps.toSql(now.minus(RETENTION)))
			.update();
		if (counters + sessions + tokens + mails > 0) {
			log.info(
					"Housekeeping deleted {} throttle counters, {} sessions, {} mailed tokens and sign-in challenges, {} local mails",
					counters, sessions, tokens, mails);
		}
	}

	private static Duration longer(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}
