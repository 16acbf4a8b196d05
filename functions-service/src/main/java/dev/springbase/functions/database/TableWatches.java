package dev.springbase.functions.database;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.functions.triggers.TableWatching;
import dev.springbase.platform.events.EventsProperties;

/**
 * Watches tables of project databases: a watched table has a row trigger that writes a
 * {@code db.row.inserted}, {@code db.row.updated} or {@code db.row.deleted} event for
 * every changed row into this service's outbox, in the transaction of the change (see
 * {@code emit_row_event} in the V3 migration). The trigger is installed by the service;
 * the project's role owns the table and may drop it, which only silences its own events.
 */
@Component
public class TableWatches implements TableWatching {

	static final String TRIGGER = "springbase_row_events";

	private final ProjectDatabases databases;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final @Nullable EventsProperties events;

	private final String source;

	private final String emitter;

	TableWatches(ProjectDatabases databases, JdbcClient jdbc, PlatformTransactionManager transactionManager,
			ObjectProvider<EventsProperties> events, Environment environment) {
		this.databases = databases;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.events = events.getIfAvailable();
		// The source the platform's EventPublisher gives this service's events.
		String source = (this.events != null) ? this.events.source() : null;
		this.source = (source != null) ? source : "/springbase/"
				+ environment.getProperty("spring.application.name", "application").replaceFirst("-service$", "");
		this.emitter = ProjectDatabases.quote(environment.getProperty("spring.flyway.default-schema", "functions"))
				+ ".emit_row_event";
	}

	/**
	 * Makes every later row change of the table an event; watching a watched table
	 * changes nothing.
	 * @throws dev.springbase.platform.errors.ApiException 404
	 * {@code functions.table_not_found}, or 409 {@code functions.events_disabled}
	 */
	@Override
	public void watch(UUID projectId, String table) {
		if (this.events == null || !this.events.enabled()) {
			throw DatabaseException.eventsDisabled();
		}
		String schema = this.databases.existing(projectId).orElseThrow(() -> DatabaseException.tableNotFound(table));
		long maxBytes = this.events.maxEventSize().toBytes();
		this.transactions.executeWithoutResult((status) -> {
			this.databases.lock(projectId);
			if (!isTable(schema, table)) {
				throw DatabaseException.tableNotFound(table);
			}
			this.jdbc.sql("create or replace trigger " + TRIGGER + " after insert or update or delete on "
					+ ProjectDatabases.quote(schema) + "." + ProjectDatabases.quote(table)
					+ " for each row execute function " + this.emitter + "(" + String.join(", ", List
						.of(literal(projectId.toString()), literal(this.source), literal(Long.toString(maxBytes))))
					+ ")")
				.update();
		});
	}

	/** Stops the table's events; a table that is not watched, or gone, is left as is. */
	@Override
	public void unwatch(UUID projectId, String table) {
		this.databases.existing(projectId).ifPresent((schema) -> this.transactions.executeWithoutResult((status) -> {
			this.databases.lock(projectId);
			if (isTable(schema, table)) {
				this.jdbc
					.sql("drop trigger if exists " + TRIGGER + " on " + ProjectDatabases.quote(schema) + "."
							+ ProjectDatabases.quote(table))
					.update();
			}
		}));
	}

	private boolean isTable(String schema, String table) {
		return Boolean.TRUE.equals(this.jdbc.sql("""
				select exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = :schema and c.relname = :table and c.relkind in ('r', 'p'))""")
			.param("schema", schema)
			.param("table", table)
			.query(Boolean.class)
			.single());
	}

	private static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

}
