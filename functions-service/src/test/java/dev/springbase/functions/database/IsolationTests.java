package dev.springbase.functions.database;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's role reaches its own schema and nothing else: not another project's, not a
 * service's, not the outbox, however the SQL tries.
 */
class IsolationTests extends DatabaseTests {

	private UUID other;

	@BeforeEach
	void twoProjectsAndTheServiceSchemas() {
		this.other = UUID.randomUUID();
		assertThat(sql(auth.secretKeyToken(this.other),
				"create table secrets (value text); " + "insert into secrets values ('theirs')")
			.status()).isEqualTo(200);
		rows("create table mine (id int); select 1");
		// As the auth and storage services' migrations leave them when they share the
		// database.
		this.jdbc.sql("create schema if not exists auth").update();
		this.jdbc.sql("create table if not exists auth.users (id uuid, email text)").update();
		this.jdbc.sql("create schema if not exists storage").update();
		this.jdbc.sql("create table if not exists storage.objects (id uuid, key text)").update();
	}

	@Test
	void cannotReadAnotherProjectsSchema() {
		assertSqlError(sql("select * from " + schemaOf(this.other) + ".secrets"), "42501");
		assertSqlError(sql("set search_path = " + schemaOf(this.other) + "; select * from secrets"), "42P01");
	}

	@Test
	void cannotReadTheServicesSchemas() {
		for (String table : List.of("functions.functions", "functions.function_secrets", "functions.project_databases",
				"functions.event_outbox", "auth.users", "storage.objects", "eventbus.events")) {
			assertSqlError(sql("select * from " + table), "42501");
		}
	}

	@Test
	void switchingRolesDoesNotEscape() {
		assertSqlError(sql("reset role; select * from functions.functions"), "42501");
		assertSqlError(sql("set role postgres"), "42501");
		assertSqlError(sql("set session authorization postgres"), "42501");
		assertSqlError(sql("set role " + schemaOf(this.other)), "42501");
		assertThat(rows("reset session authorization; reset role; select current_user"))
			.containsExactly(List.of(schemaOf(this.project)));
	}

	@Test
	void cannotWriteOrForgeEvents() {
		assertSqlError(sql("insert into functions.event_outbox (id, type, payload) "
				+ "values (gen_random_uuid(), 'db.row.inserted', '{}')"), "42501");
		assertSqlError(sql("create trigger forged after insert on mine for each row "
				+ "execute function functions.emit_row_event('" + this.other + "', '/springbase/functions', '1000')"),
				"42501");
		this.jdbc.sql("grant usage on schema functions to " + schemaOf(this.project)).update();
		try {
			// Even where it could see the function, it may not use it.
			assertSqlError(sql("create trigger forged after insert on mine for each row "
					+ "execute function functions.emit_row_event('" + this.other
					+ "', '/springbase/functions', '1000')"), "42501");
		}
		finally {
			this.jdbc.sql("revoke usage on schema functions from " + schemaOf(this.project)).update();
		}
	}

	@Test
	void createsNothingOutsideItsSchema() {
		assertSqlError(sql("create table public.planted (id int)"), "42501");
		assertSqlError(sql("create schema elsewhere"), "42501");
		assertSqlError(sql("create table " + schemaOf(this.other) + ".planted (id int)"), "42501");
		assertSqlError(sql("create role helper"), "42501");
	}

}
