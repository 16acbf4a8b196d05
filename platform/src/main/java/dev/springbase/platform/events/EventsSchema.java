package dev.springbase.platform.events;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * The platform-owned tables of one service and their migration. They are migrated by a
 * Flyway of the platform's own, with its own history table, so that a service's
 * migrations never carry them: the outbox, processed ids and RabbitMQ dead letters in the
 * service's schema, and, for the PostgreSQL transport, the shared schema
 * {@code eventbus}. The eventbus history lives in eventbus itself, so services that start
 * together serialise on the same Flyway lock there.
 *
 * @param schema the service's own schema
 */
record EventsSchema(String schema) {

	static final String EVENTBUS = "eventbus";

	static final String HISTORY_TABLE = "platform_schema_history";

	static EventsSchema migrate(DataSource dataSource, String schema, boolean withEventbus) {
		migrate(dataSource, schema, "classpath:db/platform/outbox");
		if (withEventbus) {
			migrate(dataSource, EVENTBUS, "classpath:db/platform/eventbus");
		}
		return new EventsSchema(schema);
	}

	private static void migrate(DataSource dataSource, String schema, String location) {
		Flyway.configure(EventsSchema.class.getClassLoader())
			.dataSource(dataSource)
			.schemas(schema)
			.defaultSchema(schema)
			.table(HISTORY_TABLE)
			.locations(location)
			// The service's own Flyway may have created the schema already.
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load()
			.migrate();
	}

	String outbox() {
		return this.schema + ".event_outbox";
	}

	String processed() {
		return this.schema + ".event_processed";
	}

	String deadLetters() {
		return this.schema + ".event_dead_letters";
	}

}
