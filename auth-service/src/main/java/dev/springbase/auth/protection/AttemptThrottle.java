package dev.springbase.auth.protection;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.springbase.auth.config.AuthProperties;
import dev.springbase.platform.jdbc.Timestamps;

/**
 * Throttles attempts with growing delays, per account (project and email) and per client
 * address. Counters live in the database, so every auth instance sees the same ones and a
 * restart forgets nothing. A check comes before any expensive work (hashing), so a flood
 * of attempts costs little.
 */
@Component
public class AttemptThrottle {

	/** What is being attempted; each kind has its own counters. */
	public enum Action {

		SIGN_IN, SIGN_UP, RECOVER, SEND_CODE, VERIFY_CODE;

		String key() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private final JdbcClient jdbc;

	private final AuthProperties.Throttle account;

	private final AuthProperties.Throttle address;

	AttemptThrottle(JdbcClient jdbc, AuthProperties properties) {
		this.jdbc = jdbc;
		this.account = properties.protection().account();
		this.address = properties.protection().address();
	}

	/** The counters of one attempt: the account's (when known) and the address's. */
	public Subject subject(Action action, UUID projectId, String email, String clientAddress) {
		return new Subject(List
			.of(new Counter(action.key() + ":account:" + projectId + ":" + email.toLowerCase(Locale.ROOT), this.account,
					true), new Counter(action.key() + ":address:" + clientAddress, this.address, false)));
	}

	/** The counter of an attempt that names no account (sign-up of anonymous users). */
	public Subject subject(Action action, String clientAddress) {
		return new Subject(List.of(new Counter(action.key() + ":address:" + clientAddress, this.address, false)));
	}

	/**
	 * Refuses the attempt while any of its counters is blocked.
	 * @return the subject, knowing which of its counters exist, so that a success need
	 * not clear counters that were never there
	 * @throws TooManyAttempts with the time to wait
	 */
	public Subject check(Subject subject) {
		Instant now = Timestamps.now();
		List<Seen> seen = this.jdbc.sql("select key, blocked_until from attempt_counters where key in (:keys)")
			.param("keys", subject.keys())
			.query((rs, row) -> new Seen(rs.getString("key"), rs.getObject("blocked_until", OffsetDateTime.class)))
			.list();
		Optional<OffsetDateTime> blockedUntil = seen.stream()
			.map(Seen::blockedUntil)
			.filter((until) -> until != null && until.toInstant().isAfter(now))
			.max(Comparator.naturalOrder());
		if (blockedUntil.isPresent()) {
			throw new TooManyAttempts(Duration.between(now, blockedUntil.get().toInstant()));
		}
		return new Subject(subject.counters(), seen.stream().map(Seen::key).collect(Collectors.toSet()));
	}

	/** Checks, then counts the attempt whatever its outcome (sign-up, sending codes). */
	public void attempt(Subject subject) {
		check(subject);
		failed(subject);
	}

	/** Counts a failed attempt; past the free ones, the next must wait longer. */
	public void failed(Subject subject) {
		Instant now = Timestamps.now();
		for (Counter counter : subject.counters()) {
			int attempts = this.jdbc.sql("""
					insert into attempt_counters as c (key, attempts, last_attempt_at) values (:key, 1, :now)
					on conflict (key) do update set
					  attempts = case when c.last_attempt_at < :forgetBefore then 1 else c.attempts + 1 end,
					  last_attempt_at = :now
					returning attempts""")
				.param("key", counter.key())
				.param("now", Timestamps.toSql(now))
				.param("forgetBefore", Timestamps.toSql(now.minus(counter.throttle().window())))
				.query(Integer.class)
				.single();
			Duration delay = delayAfter(attempts, counter.throttle());
			if (!delay.isZero()) {
				this.jdbc.sql("update attempt_counters set blocked_until = :until where key = :key")
					.param("key", counter.key())
					.param("until", Timestamps.toSql(now.plus(delay)))
					.update();
			}
		}
	}

	/**
	 * Forgets the account's failures after a success; the address keeps its count, so one
	 * good password does not reset a spray over many accounts. A checked subject clears
	 * only the counters its check saw: a failure counted by a concurrent attempt after
	 * the check stays counted.
	 */
	public void succeeded(Subject subject) {
		subject.counters()
			.stream()
			.filter((counter) -> counter.perAccount() && subject.mayExist(counter))
			.forEach((counter) -> this.jdbc.sql("delete from attempt_counters where key = :key")
				.param("key", counter.key())
				.update());
	}

	/**
	 * The wait after the given number of attempts: none until the free ones are used up,
	 * then the first delay, doubling with every further attempt.
	 */
	static Duration delayAfter(int attempts, AuthProperties.Throttle throttle) {
		int over = attempts - throttle.freeAttempts();
		if (over < 0) {
			return Duration.ZERO;
		}
		Duration delay = throttle.firstDelay().multipliedBy(1L << Math.min(over, 30));
		return (delay.compareTo(throttle.maxDelay()) > 0) ? throttle.maxDelay() : delay;
	}

	/**
	 * The counters one attempt is charged to, and once checked, which of them existed
	 * then ({@code null} while unchecked).
	 */
	public record Subject(List<Counter> counters, @Nullable Set<String> existing) {

		Subject(List<Counter> counters) {
			this(counters, null);
		}

		List<String> keys() {
			return this.counters.stream().map(Counter::key).toList();
		}

		boolean mayExist(Counter counter) {
			return this.existing == null || this.existing.contains(counter.key());
		}

	}

	private record Seen(String key, @Nullable OffsetDateTime blockedUntil) {

	}

	record Counter(String key, AuthProperties.Throttle throttle, boolean perAccount) {

	}

}
