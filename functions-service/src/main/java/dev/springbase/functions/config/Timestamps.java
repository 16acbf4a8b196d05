package dev.springbase.functions.config;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from {@code timestamptz} columns, cut to the microseconds PostgreSQL
 * keeps, so that what a response shows is what a later read returns.
 */
public final class Timestamps {

	private Timestamps() {
	}

	public static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	public static OffsetDateTime toSql(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	public static Instant read(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		if (value == null) {
			throw new SQLException("Column " + column + " is null");
		}
		return value.toInstant();
	}

}
