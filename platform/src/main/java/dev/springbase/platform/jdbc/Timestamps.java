package dev.springbase.platform.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * Instants to and from {@code timestamptz} columns. PostgreSQL keeps microseconds, so
 * times are cut to microseconds where they are made: what a response shows is what a
 * later read returns.
 */
public final class Timestamps {

	private Timestamps() {
	}

	public static Instant now() {
		return now(Clock.systemUTC());
	}

	/** The clock's time; for services that take a clock tests can move. */
	public static Instant now(Clock clock) {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	public static @Nullable OffsetDateTime toSql(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	public static @Nullable Instant read(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	public static Instant readRequired(ResultSet rs, String column) throws SQLException {
		Instant value = read(rs, column);
		if (value == null) {
			throw new SQLException("Column " + column + " is null");
		}
		return value;
	}

}
