package dev.springbase.functions.triggers;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import dev.springbase.platform.errors.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cron expressions are read in the trigger's time zone, daylight saving included. */
class SchedulesTests {

	@Test
	void nineOClockInOsloStaysNineOClockAcrossTheClockChange() {
		// Central European Summer Time starts on 29 March 2026 at 01:00 UTC.
		assertThat(Schedules.next("0 0 9 * * *", "Europe/Oslo", Instant.parse("2026-03-27T12:00:00Z")))
			.isEqualTo(Instant.parse("2026-03-28T08:00:00Z"));
		assertThat(Schedules.next("0 0 9 * * *", "Europe/Oslo", Instant.parse("2026-03-28T12:00:00Z")))
			.isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
		assertThat(Schedules.next("0 0 9 * * *", "UTC", Instant.parse("2026-03-28T12:00:00Z")))
			.isEqualTo(Instant.parse("2026-03-29T09:00:00Z"));
	}

	@Test
	void macrosAndHalfHourZonesWork() {
		assertThat(Schedules.next("@hourly", "Asia/Kolkata", Instant.parse("2026-05-01T10:10:00Z")))
			.isEqualTo(Instant.parse("2026-05-01T10:30:00Z"));
		assertThat(Schedules.next("@daily", "America/New_York", Instant.parse("2026-07-01T12:00:00Z")))
			.isEqualTo(Instant.parse("2026-07-02T04:00:00Z"));
	}

	@Test
	void refusesExpressionsThatDoNotParseOrNeverFire() {
		assertThatThrownBy(() -> Schedules.cron("*/5 * * * *", ZoneId.of("UTC"))).isInstanceOfSatisfying(
				ApiException.class, (ex) -> assertThat(ex.getCode()).isEqualTo("functions.invalid_cron"));
		assertThatThrownBy(() -> Schedules.cron("0 0 0 31 4 *", ZoneId.of("UTC"))).isInstanceOfSatisfying(
				ApiException.class, (ex) -> assertThat(ex.getCode()).isEqualTo("functions.invalid_cron"));
		assertThatThrownBy(() -> Schedules.zone("Europe/Atlantis")).isInstanceOfSatisfying(ApiException.class,
				(ex) -> assertThat(ex.getCode()).isEqualTo("functions.invalid_time_zone"));
	}

}
