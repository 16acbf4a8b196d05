package dev.springbase.functions.triggers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.springbase.functions.FunctionsClient.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Database triggers against the project's real database: a trigger watches its table, and
 * rows changed through the SQL API run the function with old and new row.
 */
class DatabaseTriggerTests extends TriggeredFunctionsTests {

	@Test
	void runsTheFunctionForTheChosenRowEventsOfItsTable() {
		sql("create table orders (id int primary key, total int); create table customers (id int primary key)");
		String function = uniqueName("orders");
		deployHandler(function, "demo.OnRow");
		createdTrigger(function,
				Map.of("type", "database", "table", "orders", "events", List.of("inserted", "updated")));
		assertThat(watched("orders")).isTrue();

		sql("insert into orders values (1, 5)");
		sql("insert into customers values (1)");
		emit("db.row.inserted", UUID.randomUUID(), "orders", Map.of("table", "orders"));
		sql("update orders set total = 7 where id = 1");
		sql("delete from orders where id = 1");

		List<Map<String, Object>> ran = awaitInvocations(function, 2);
		sleep(Duration.ofMillis(1500));
		assertThat(invocations(function)).hasSize(2);
		assertThat(ran.get(1)).containsEntry("trigger", "database");
		assertThat(ran.get(1).get("logs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("INFO db.row.inserted inserted orders null {id=1, total=5}");
		assertThat(ran.get(0).get("logs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("INFO db.row.updated updated orders {id=1, total=5} {id=1, total=7}");
	}

	@Test
	void unwatchesATableWhenItsLastTriggerGoes() {
		sql("create table invoices (id int primary key)");
		String first = uniqueName("first");
		String second = uniqueName("second");
		deployHandler(first, "demo.OnRow");
		deployHandler(second, "demo.OnRow");
		String one = createdTrigger(first, Map.of("type", "database", "table", "invoices"));
		createdTrigger(second, Map.of("type", "database", "table", "invoices"));

		this.api.delete("/functions/v1/functions/" + first + "/triggers/" + one, this.secret);
		assertThat(watched("invoices")).isTrue();

		assertThat(this.api.delete("/functions/v1/functions/" + second, this.secret).status()).isEqualTo(204);
		assertThat(watched("invoices")).isFalse();
	}

	@Test
	void aTableThatDoesNotExistCannotBeWatched() {
		String function = uniqueName("missing");
		deployHandler(function, "demo.OnRow");

		Reply refused = createTrigger(function, Map.of("type", "database", "table", "nowhere"));

		assertThat(refused.status()).isEqualTo(404);
		assertThat(refused.code()).isEqualTo("functions.table_not_found");
		assertThat(this.api.get("/functions/v1/functions/" + function + "/triggers", this.secret).text())
			.as("nothing stored")
			.isEqualTo("[]");
	}

	private void sql(String statements) {
		Reply reply = this.api.json("POST", "/functions/v1/database/sql", this.secret, Map.of("sql", statements));
		assertThat(reply.status()).as(reply.text()).isEqualTo(200);
	}

	@SuppressWarnings("unchecked")
	private boolean watched(String table) {
		List<Map<String, Object>> tables = (List<Map<String, Object>>) this.api
			.get("/functions/v1/database/tables", this.secret)
			.json()
			.get("items");
		return tables.stream()
			.filter((found) -> table.equals(found.get("name")))
			.map((found) -> Boolean.TRUE.equals(found.get("watched")))
			.findFirst()
			.orElseThrow();
	}

}
