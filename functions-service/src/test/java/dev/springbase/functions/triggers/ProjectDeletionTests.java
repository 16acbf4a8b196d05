package dev.springbase.functions.triggers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.functions.database.ProjectDatabases;
import dev.springbase.platform.events.ProjectRemoval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deleted project loses its functions, their triggers and subscriptions, and its
 * database (schema and role); another project keeps all of it.
 */
class ProjectDeletionTests extends TriggeredFunctionsTests {

	@Test
	void removesTheFunctionsTriggersAndDatabaseOfTheDeletedProjectOnly() {
		UUID other = UUID.randomUUID();
		String otherSecret = auth.secretKeyToken(other);
		for (String token : List.of(this.secret, otherSecret)) {
			Reply table = this.api.json("POST", "/functions/v1/database/sql", token,
					Map.of("sql", "create table orders (id int primary key)"));
			assertThat(table.status()).as(table.text()).isEqualTo(200);
			Reply deployed = this.api.deploy("on-orders", token, eventsJar(), "demo.OnRow");
			assertThat(deployed.status()).as(deployed.text()).isEqualTo(201);
		}
		String watch = createdTrigger("on-orders", Map.of("type", "database", "table", "orders"));
		String tick = createdTrigger("on-orders", Map.of("type", "schedule", "cron", "0 0 * * * *"));
		Reply kept = this.api.json("POST", "/functions/v1/functions/on-orders/triggers", otherSecret,
				Map.of("type", "database", "table", "orders"));
		assertThat(kept.status()).isEqualTo(201);
		String keptTrigger = kept.json().get("id").toString();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> subscriptionExists(watch) && subscriptionExists(tick) && subscriptionExists(keptTrigger));

		emit(ProjectRemoval.EVENT_TYPE, this.project, this.project.toString(),
				Map.of("project", Map.of("id", this.project)));

		String schema = ProjectDatabases.nameOf(this.project);
		await().atMost(Duration.ofSeconds(30)).until(() -> !exists("pg_namespace", "nspname", schema));
		assertThat(exists("pg_roles", "rolname", schema)).as("the project's role").isFalse();
		assertThat(count("project_databases", this.project)).isZero();
		assertThat(count("functions", this.project)).isZero();
		assertThat(count("triggers", this.project)).isZero();
		await().atMost(Duration.ofSeconds(20)).until(() -> !subscriptionExists(watch) && !subscriptionExists(tick));
		Reply listed = this.api.get("/functions/v1/functions", this.secret);
		assertThat(listed.json().get("items")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.isEmpty();

		String otherSchema = ProjectDatabases.nameOf(other);
		assertThat(exists("pg_namespace", "nspname", otherSchema)).isTrue();
		assertThat(exists("pg_roles", "rolname", otherSchema)).isTrue();
		assertThat(subscriptionExists(keptTrigger)).isTrue();
		assertThat(this.api.get("/functions/v1/functions/on-orders", otherSecret).status()).isEqualTo(200);
		Reply rows = this.api.json("POST", "/functions/v1/database/sql", otherSecret,
				Map.of("sql", "insert into orders values (1)"));
		assertThat(rows.status()).as(rows.text()).isEqualTo(200);
	}

	private boolean exists(String catalog, String column, String name) {
		return this.jdbc.sql("select count(*) from " + catalog + " where " + column + " = :name")
			.param("name", name)
			.query(Long.class)
			.single() > 0;
	}

	private long count(String table, UUID project) {
		return this.jdbc.sql("select count(*) from " + table + " where project_id = :project")
			.param("project", project)
			.query(Long.class)
			.single();
	}

}
