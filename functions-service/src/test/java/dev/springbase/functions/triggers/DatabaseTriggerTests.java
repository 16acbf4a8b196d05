package dev.springbase.functions.triggers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Database triggers, with a stand-in for the project database that records which tables
 * are watched; the {@code db.row.*} events are emitted here as its table triggers would.
 */
@Import(DatabaseTriggerTests.RecordingWatches.class)
class DatabaseTriggerTests extends TriggeredFunctionsTests {

	@Autowired
	RecordingWatches watches;

	@Test
	void runsTheFunctionForTheChosenRowEventsOfItsTable() {
		String function = uniqueName("orders");
		deployHandler(function, "demo.OnRow");
		createdTrigger(function,
				Map.of("type", "database", "table", "orders", "events", List.of("inserted", "updated")));
		assertThat(this.watches.calls).contains("watch " + this.project + " orders");

		emit("db.row.inserted", this.project, "orders", row(null, Map.of("id", 1, "total", 5)));
		emit("db.row.deleted", this.project, "orders", row(Map.of("id", 1, "total", 5), null));
		emit("db.row.inserted", this.project, "customers", row(null, Map.of("id", 1)));
		emit("db.row.inserted", UUID.randomUUID(), "orders", row(null, Map.of("id", 9)));
		emit("db.row.updated", this.project, "orders", row(Map.of("id", 1, "total", 5), Map.of("id", 1, "total", 7)));

		List<Map<String, Object>> ran = awaitInvocations(function, 2);
		sleep(Duration.ofMillis(500));
		assertThat(invocations(function)).hasSize(2);
		assertThat(ran.get(1)).containsEntry("trigger", "database");
		assertThat(ran.get(1).get("logs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("INFO db.row.inserted inserted orders null {id=1, total=5}");
		assertThat(ran.get(0).get("logs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("INFO db.row.updated updated orders {id=1, total=5} {id=1, total=7}");
	}

	@Test
	void unwatchesATableWhenItsLastTriggerGoes() {
		String first = uniqueName("first");
		String second = uniqueName("second");
		deployHandler(first, "demo.OnRow");
		deployHandler(second, "demo.OnRow");
		String one = createdTrigger(first, Map.of("type", "database", "table", "invoices"));
		createdTrigger(second, Map.of("type", "database", "table", "invoices"));
		String unwatch = "unwatch " + this.project + " invoices";

		this.api.delete("/functions/v1/functions/" + first + "/triggers/" + one, this.secret);
		assertThat(this.watches.calls).doesNotContain(unwatch);

		assertThat(this.api.delete("/functions/v1/functions/" + second, this.secret).status()).isEqualTo(204);
		assertThat(this.watches.calls).containsOnlyOnce(unwatch);
	}

	private static Map<String, Object> row(Map<String, Object> old, Map<String, Object> now) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("schema", "proj_x");
		data.put("table", "orders");
		// Sorted, so the rows print in a known order.
		data.put("old", (old != null) ? new TreeMap<>(old) : null);
		data.put("new", (now != null) ? new TreeMap<>(now) : null);
		return data;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RecordingWatches implements TableWatching {

		final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

		@Bean
		@Primary
		TableWatching recordingTableWatching() {
			return this;
		}

		@Override
		public void watch(UUID projectId, String table) {
			this.calls.add("watch " + projectId + " " + table);
		}

		@Override
		public void unwatch(UUID projectId, String table) {
			this.calls.add("unwatch " + projectId + " " + table);
		}

	}

}
