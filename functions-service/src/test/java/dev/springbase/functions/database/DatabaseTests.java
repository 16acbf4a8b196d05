package dev.springbase.functions.database;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.functions.FunctionsServiceTests;

import static org.assertj.core.api.Assertions.assertThat;

/** The functions service with helpers for the SQL API and the service's own catalog. */
abstract class DatabaseTests extends FunctionsServiceTests {

	/**
	 * The service's own connection: the catalog, the outbox, as the service sees them.
	 */
	@Autowired
	protected JdbcClient jdbc;

	protected Reply sql(String sql) {
		return sql(this.secret, sql);
	}

	protected Reply sql(@Nullable String token, String sql, String... headers) {
		return this.api.json("POST", "/functions/v1/database/sql", token, Map.of("sql", sql), headers);
	}

	/** The rows of SQL that must succeed. */
	@SuppressWarnings("unchecked")
	protected List<List<Object>> rows(String sql) {
		Reply reply = sql(sql);
		assertThat(reply.status()).as(reply.text()).isEqualTo(200);
		return (List<List<Object>>) reply.json().get("rows");
	}

	protected static String schemaOf(java.util.UUID project) {
		return ProjectDatabases.nameOf(project);
	}

	/** Asserts a refusal by the server, with its SQLSTATE. */
	protected static void assertSqlError(Reply reply, String sqlState) {
		assertThat(reply.status()).as(reply.text()).isEqualTo(400);
		assertThat(reply.code()).isEqualTo("functions.sql_error");
		assertThat(reply.json()).containsEntry("sqlState", sqlState);
	}

}
