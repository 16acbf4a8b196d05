package dev.springbase.functions.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.springbase.platform.errors.ApiException;

/**
 * Runs an admin's SQL in the project's database, in one transaction, on a connection
 * logged in as the project's role. Never on the service's own connection with
 * {@code SET ROLE}: the SQL could {@code RESET ROLE} and be the service. Each request
 * opens its own connection and closes it: SQL from the console is rare, and a pool per
 * project would keep server connections (a few MB each, and a share of
 * {@code max_connections}) open for every project ever touched.
 */
@Component
class SqlRunner {

	private static final Logger log = LoggerFactory.getLogger(SqlRunner.class);

	private static final String QUERY_CANCELED = "57014";

	private static final String TOO_MANY_CONNECTIONS = "53300";

	private final ProjectDatabases databases;

	private final DatabaseProperties properties;

	private final JsonMapper json;

	SqlRunner(ProjectDatabases databases, DatabaseProperties properties, JsonMapper json) {
		this.databases = databases;
		this.properties = properties;
		this.json = json;
	}

	SqlResult run(UUID projectId, @Nullable String sql) {
		if (sql == null || sql.isBlank()) {
			throw DatabaseException.invalidSql("Send the SQL to run as {\"sql\": \"...\"}.");
		}
		DatabaseAccess access = this.databases.access(projectId);
		try (Connection connection = this.databases.connect(access, "springbase-sql")) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				// The role's statement_timeout is only a default that the SQL may change.
				statement.setQueryTimeout((int) Math.max(1, this.properties.statementTimeout().toSeconds()));
				statement.setMaxRows(this.properties.maxRows() + 1);
				SqlResult result = execute(statement, sql);
				connection.commit();
				return result;
			}
			catch (SQLException | RuntimeException ex) {
				rollback(connection);
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw translate(ex);
		}
	}

	private SqlResult execute(Statement statement, String sql) throws SQLException {
		SqlResult last = new SqlResult(List.of(), List.of(), false, 0);
		boolean rows = statement.execute(sql);
		while (true) {
			if (rows) {
				try (ResultSet resultSet = statement.getResultSet()) {
					last = read(resultSet);
				}
			}
			else {
				int count = statement.getUpdateCount();
				if (count < 0) {
					return last;
				}
				last = new SqlResult(List.of(), List.of(), false, count);
			}
			rows = statement.getMoreResults();
		}
	}

	private SqlResult read(ResultSet resultSet) throws SQLException {
		ResultSetMetaData meta = resultSet.getMetaData();
		List<SqlResult.Column> columns = new ArrayList<>();
		for (int i = 1; i <= meta.getColumnCount(); i++) {
			columns.add(new SqlResult.Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
		}
		List<List<@Nullable Object>> rows = new ArrayList<>();
		boolean truncated = false;
		while (resultSet.next()) {
			if (rows.size() == this.properties.maxRows()) {
				truncated = true;
				break;
			}
			List<@Nullable Object> row = new ArrayList<>(columns.size());
			for (int i = 1; i <= columns.size(); i++) {
				row.add(value(resultSet, i, columns.get(i - 1).type()));
			}
			rows.add(row);
		}
		return new SqlResult(columns, rows, truncated, rows.size());
	}

	private @Nullable Object value(ResultSet resultSet, int column, String type) throws SQLException {
		Object value = switch (type) {
			case "int2", "int4" -> resultSet.getInt(column);
			case "int8" -> resultSet.getLong(column);
			case "numeric" -> resultSet.getBigDecimal(column);
			case "float4", "float8" -> {
				double number = resultSet.getDouble(column);
				// JSON has no NaN or infinity.
				yield Double.isFinite(number) ? number : Double.toString(number);
			}
			case "bool" -> resultSet.getBoolean(column);
			case "json", "jsonb" -> {
				String text = resultSet.getString(column);
				yield (text != null) ? parse(text) : null;
			}
			default -> resultSet.getString(column);
		};
		return resultSet.wasNull() ? null : value;
	}

	private Object parse(String text) {
		try {
			return this.json.readTree(text);
		}
		catch (JacksonException ex) {
			return text;
		}
	}

	private static void rollback(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			// Closing the connection rolls back what is left.
			log.debug("Rolling back project SQL failed: {}", ex.getMessage());
		}
	}

	private ApiException translate(SQLException ex) {
		String state = ex.getSQLState();
		if (QUERY_CANCELED.equals(state)) {
			return DatabaseException.sqlTimeout(this.properties.statementTimeout());
		}
		if (TOO_MANY_CONNECTIONS.equals(state)) {
			return DatabaseException.busy(this.properties.connectionLimit());
		}
		ServerErrorMessage server = (ex instanceof PSQLException psql) ? psql.getServerErrorMessage() : null;
		if (state == null || server == null || state.startsWith("08")) {
			// No answer from the server about the SQL: the connection itself failed.
			throw new IllegalStateException("The project database could not be reached", ex);
		}
		String message = (server.getMessage() != null) ? server.getMessage() : ex.getMessage();
		return DatabaseException.sqlError(state, String.valueOf(message), server.getHint(), server.getPosition());
	}

}
