package dev.springbase.functions.database;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** Expected failures around project databases. */
final class DatabaseException {

	private DatabaseException() {
	}

	static ApiException invalidSql(String detail) {
		return ApiException.badRequest("functions.invalid_sql", detail);
	}

	/**
	 * The server refused the SQL; its SQLSTATE and message say why, and the transaction
	 * was rolled back.
	 */
	static ApiException sqlError(String sqlState, String message, @Nullable String hint, @Nullable Integer position) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("sqlState", sqlState);
		if (hint != null) {
			properties.put("hint", hint);
		}
		if (position != null && position > 0) {
			properties.put("position", position);
		}
		return new ApiException(HttpStatus.BAD_REQUEST, "functions.sql_error",
				message + " (SQLSTATE " + sqlState + "); nothing was changed.", properties);
	}

	static ApiException sqlTimeout(Duration limit) {
		return new ApiException(HttpStatus.BAD_REQUEST, "functions.sql_timeout",
				"The SQL ran longer than " + limit.toSeconds()
						+ " s and was cancelled; nothing was changed. Make it cheaper, or split it up.",
				Map.of("sqlState", "57014"));
	}

	static ApiException busy(int limit) {
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "functions.database_busy",
				"The project's database role already holds its " + limit
						+ " connections (the SQL API and the project's functions share them); try again shortly.",
				Map.of("sqlState", "53300"));
	}

	static ApiException tableNotFound(String table) {
		return ApiException.notFound("functions.table_not_found", "The project's database has no table '" + table
				+ "'. Create it with POST /functions/v1/database/sql; list tables with GET /functions/v1/database/tables.");
	}

	static ApiException eventsDisabled() {
		return ApiException.conflict("functions.events_disabled",
				"Table watches write db.row.* events, and events are off in this functions service "
						+ "(springbase.events.enabled).");
	}

}
