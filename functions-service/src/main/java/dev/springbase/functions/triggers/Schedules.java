package dev.springbase.functions.triggers;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;

/**
 * Cron expressions (Spring's: six fields, or macros such as {@code @hourly}) read in an
 * IANA time zone, so that "9 o'clock" stays 9 o'clock across daylight saving changes.
 */
final class Schedules {

	static final String DEFAULT_ZONE = "UTC";

	private static final int MAX_LENGTH = 200;

	private Schedules() {
	}

	/**
	 * The expression, checked.
	 * @throws dev.springbase.platform.errors.ApiException 400
	 * {@code functions.invalid_cron} when it does not parse or never fires
	 */
	static CronExpression cron(String cron, ZoneId zone) {
		if (cron.isBlank() || cron.length() > MAX_LENGTH) {
			throw TriggerException.invalidCron(cron, "it is empty or longer than " + MAX_LENGTH + " characters");
		}
		CronExpression expression;
		try {
			expression = CronExpression.parse(cron.strip());
		}
		catch (IllegalArgumentException ex) {
			throw TriggerException.invalidCron(cron, String.valueOf(ex.getMessage()));
		}
		if (expression.next(ZonedDateTime.now(zone)) == null) {
			throw TriggerException.invalidCron(cron, "it names no time that will come");
		}
		return expression;
	}

	/**
	 * The zone of that name.
	 * @throws dev.springbase.platform.errors.ApiException 400
	 * {@code functions.invalid_time_zone}
	 */
	static ZoneId zone(String name) {
		try {
			return ZoneId.of(name);
		}
		catch (DateTimeException ex) {
			throw TriggerException.invalidTimeZone(name);
		}
	}

	/**
	 * The first time after {@code after} that the expression names in the zone, or null
	 * when there is none.
	 */
	static @Nullable Instant next(String cron, String zone, Instant after) {
		ZonedDateTime next = CronExpression.parse(cron).next(after.atZone(ZoneId.of(zone)));
		return (next != null) ? next.toInstant() : null;
	}

}
