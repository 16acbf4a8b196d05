package dev.springbase.functions.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.functions.access.Requester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL API: the project's database is created on first use, SQL runs in it as the
 * project's role in one transaction, and only admins may run it.
 */
@TestPropertySource(properties = { "springbase.functions.database.statement-timeout=1s",
		"springbase.functions.database.max-rows=50" })
class SqlApiTests extends DatabaseTests {

	@Test
	void firstUseCreatesTheSchemaAndARoleConfinedToIt() {
		String name = schemaOf(this.project);
		assertThat(
				this.jdbc.sql("select count(*) from pg_roles where rolname = ?").param(name).query(Long.class).single())
			.isZero();

		assertThat(rows("select current_user, current_schema()")).containsExactly(List.of(name, name));

		Map<String, Object> role = this.jdbc.sql("""
				select r.rolcanlogin, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls,
				       r.rolconnlimit, array_to_string(r.rolconfig, ',') as config, left(a.rolpassword, 14) as password
				from pg_roles r join pg_authid a on a.oid = r.oid where r.rolname = ?""")
			.param(name)
			.query()
			.singleRow();
		assertThat(role).containsEntry("rolcanlogin", true)
			.containsEntry("rolsuper", false)
			.containsEntry("rolcreaterole", false)
			.containsEntry("rolcreatedb", false)
			.containsEntry("rolreplication", false)
			.containsEntry("rolbypassrls", false)
			.containsEntry("rolconnlimit", 20)
			.containsEntry("password", "SCRAM-SHA-256$");
		assertThat((String) role.get("config")).contains("statement_timeout=1000", "search_path=" + name,
				"idle_in_transaction_session_timeout=60000", "client_connection_check_interval=1000");
		assertThat(this.jdbc.sql("select pg_get_userbyid(nspowner) from pg_namespace where nspname = ?")
			.param(name)
			.query(String.class)
			.single()).isEqualTo(name);
		assertThat(this.jdbc
			.sql("select count(*) from pg_auth_members m join pg_roles r on r.oid = m.member " + "where r.rolname = ?")
			.param(name)
			.query(Long.class)
			.single()).as("member of no other role").isZero();
		byte[] stored = this.jdbc.sql("select password from project_databases where project_id = ?")
			.param(this.project)
			.query(byte[].class)
			.single();
		assertThat(stored).isNotEmpty();
	}

	@Test
	void instancesRacingToCreateTheDatabaseCreateItOnce() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(6);
		try {
			List<Future<Reply>> replies = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				Callable<Reply> call = () -> sql("select current_user");
				replies.add(threads.submit(call));
			}
			for (Future<Reply> reply : replies) {
				assertThat(reply.get().status()).as(reply.get().text()).isEqualTo(200);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(this.jdbc.sql("select count(*) from project_databases where project_id = ?")
			.param(this.project)
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void runsEveryStatementAndAnswersWhatTheLastGave() {
		Reply created = sql(
				"""
						create table orders (id int primary key, item text not null, price numeric(10,2), paid boolean, doc jsonb);
						insert into orders values (1, 'tea', 3.50, true, '{"sugar": 2}'), (2, 'cake', null, false, null);
						select * from orders order by id""");

		assertThat(created.status()).as(created.text()).isEqualTo(200);
		assertThat(created.json()).containsEntry("truncated", false).containsEntry("rowCount", 2);
		assertThat(created.json().get("columns")).isEqualTo(List.of(Map.of("name", "id", "type", "int4"),
				Map.of("name", "item", "type", "text"), Map.of("name", "price", "type", "numeric"),
				Map.of("name", "paid", "type", "bool"), Map.of("name", "doc", "type", "jsonb")));
		assertThat(created.json().get("rows")).isEqualTo(List.of(List.of(1, "tea", 3.50, true, Map.of("sugar", 2)),
				java.util.Arrays.asList(2, "cake", null, false, null)));

		Reply updated = sql("update orders set paid = true where not paid");
		assertThat(updated.json()).containsEntry("rowCount", 1).containsEntry("columns", List.of());
		assertThat(rows("select count(*) from orders where paid")).containsExactly(List.of(2));
	}

	@Test
	void aFailingStatementAnswersItsSqlStateAndChangesNothing() {
		Reply failed = sql("create table half (id int); insert into half values (1); select * from missing");

		assertSqlError(failed, "42P01");
		assertThat(failed.json().get("detail").toString()).contains("relation \"missing\" does not exist");
		assertThat(failed.json()).containsKey("position");
		assertThat(rows("select to_regclass('half') is null")).containsExactly(List.of(true));
	}

	@Test
	void sqlThatRunsTooLongIsCancelledEvenWhenItLiftsTheTimeout() {
		Reply slow = sql("create table slow (id int); set statement_timeout = 0; select pg_sleep(5)");

		assertThat(slow.status()).as(slow.text()).isEqualTo(400);
		assertThat(slow.code()).isEqualTo("functions.sql_timeout");
		assertThat(rows("select to_regclass('slow') is null")).containsExactly(List.of(true));
	}

	@Test
	void answersAtMostTheConfiguredRowsAndSaysSo() {
		Reply many = sql("select generate_series(1, 80) as n");

		assertThat(many.json()).containsEntry("truncated", true).containsEntry("rowCount", 50);
		assertThat(many.json().get("rows")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.hasSize(50)
			.startsWith(List.of(1));
	}

	@Test
	void refusesARequestWithoutSql() {
		Reply blank = sql("  ");

		assertThat(blank.status()).isEqualTo(400);
		assertThat(blank.code()).isEqualTo("functions.invalid_sql");
	}

	@Test
	void onlyAdminsRunSqlAndViewersListTables() {
		UUID viewer = UUID.randomUUID();
		UUID developer = UUID.randomUUID();
		auth.addMember(this.project, viewer, "viewer");
		auth.addMember(this.project, developer, "developer");
		String header = Requester.PROJECT_HEADER;

		Reply byViewer = sql(auth.accountToken(viewer, false), "select 1", header, this.project.toString());
		Reply byUser = sql(auth.userToken(this.project, "u1"), "select 1");
		Reply byPublishableKey = sql(auth.publishableKeyToken(this.project), "select 1");
		Reply byDeveloper = sql(auth.accountToken(developer, false), "create table notes (body text)", header,
				this.project.toString());

		assertThat(List.of(byViewer, byUser, byPublishableKey)).allSatisfy((reply) -> {
			assertThat(reply.status()).isEqualTo(403);
			assertThat(reply.code()).isEqualTo("functions.admin_required");
		});
		assertThat(byDeveloper.status()).as(byDeveloper.text()).isEqualTo(200);
		Reply listed = this.api.get("/functions/v1/database/tables", auth.accountToken(viewer, false), header,
				this.project.toString());
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.json()).containsEntry("schema", schemaOf(this.project));
		assertThat(this.api.get("/functions/v1/database/tables", auth.userToken(this.project, "u1")).status())
			.isEqualTo(403);
	}

	@Test
	void listsOnlyTheCallersOwnTables() {
		UUID other = UUID.randomUUID();
		String otherSecret = auth.secretKeyToken(other);
		rows("create table mine (id bigint primary key, note varchar(20)); create view mine_view as select id from mine;"
				+ " select 1");
		assertThat(sql(otherSecret, "create table theirs (id int)").status()).isEqualTo(200);

		Reply listed = this.api.get("/functions/v1/database/tables", this.secret);
		Reply otherListed = this.api.get("/functions/v1/database/tables", otherSecret);

		assertThat(listed.json().get("items")).isEqualTo(List.of(
				Map.of("name", "mine", "kind", "table", "watched", false, "columns",
						List.of(Map.of("name", "id", "type", "bigint", "nullable", false),
								Map.of("name", "note", "type", "character varying(20)", "nullable", true))),
				Map.of("name", "mine_view", "kind", "view", "watched", false, "columns",
						List.of(Map.of("name", "id", "type", "bigint", "nullable", true)))));
		assertThat(otherListed.json().get("items").toString()).startsWith("[{name=theirs,").doesNotContain("mine");
		Reply peeking = this.api.get("/functions/v1/database/tables", otherSecret, Requester.PROJECT_HEADER,
				this.project.toString());
		assertThat(peeking.status()).isEqualTo(404);
	}

	@Test
	void listingTablesOfAnUnusedDatabaseCreatesNothing() {
		Reply listed = this.api.get("/functions/v1/database/tables", this.secret);

		assertThat(listed.json()).containsEntry("items", List.of());
		assertThat(this.jdbc.sql("select count(*) from pg_roles where rolname = ?")
			.param(schemaOf(this.project))
			.query(Long.class)
			.single()).isZero();
	}

}
