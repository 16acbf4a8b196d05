package dev.springbase.functions.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.events.CloudEventJson;
import dev.springbase.platform.events.EventPublisher;
import dev.springbase.platform.events.EventSubscriber;
import dev.springbase.platform.events.NewEvent;
import dev.springbase.platform.events.Subscribed;
import dev.springbase.platform.events.Subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Watched tables turn row changes into db.row.* events in the service's outbox, in the
 * transaction of the change, delivered by the platform's relay and transport like any
 * other event.
 */
class TableWatchTests extends DatabaseTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	TableWatches watches;

	@Autowired
	EventSubscriber subscriber;

	@Autowired
	EventPublisher publisher;

	@Autowired
	CloudEventJson format;

	@Autowired
	PlatformTransactionManager transactionManager;

	private final JsonMapper json = JsonMapper.builder().build();

	private final BlockingQueue<CloudEvent> delivered = new LinkedBlockingQueue<>();

	private Subscribed subscribed;

	@BeforeEach
	void subscribeToTheProjectsRowEvents() {
		this.subscribed = this.subscriber.subscribe(Subscription.of("test.db-rows." + this.project, "db.row.*")
			.withFilter("project = '" + this.project + "'"), this.delivered::add);
	}

	@AfterEach
	void unsubscribe() {
		this.subscribed.close();
	}

	@Test
	void rowChangesOfAWatchedTableAreDeliveredWithOldAndNewRows() throws InterruptedException {
		rows("create table orders (id int primary key, item text, price numeric(10,2)); select 1");
		this.watches.watch(this.project, "orders");

		rows("insert into orders values (1, 'tea', 3.50); update orders set price = 4 where id = 1; "
				+ "delete from orders; select 1");

		List<CloudEvent> events = take(3);
		assertThat(events).extracting(CloudEvent::getType)
			.containsExactly("db.row.inserted", "db.row.updated", "db.row.deleted");
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.getSubject()).isEqualTo("orders");
			assertThat(event.getExtension(CloudEventJson.PROJECT)).isEqualTo(this.project.toString());
			assertThat(event.getSource()).hasToString("/springbase/functions");
			assertThat(event.getDataContentType()).isEqualTo("application/json");
			assertThat(event.getTime()).isNotNull();
			assertThat(UUID.fromString(event.getId()).version()).isEqualTo(7);
		});
		Map<String, Object> row = Map.of("id", 1, "item", "tea", "price", 3.50);
		Map<String, Object> changed = Map.of("id", 1, "item", "tea", "price", 4.00);
		assertThat(data(events.get(0))).containsEntry("schema", schemaOf(this.project))
			.containsEntry("table", "orders")
			.containsEntry("old", null)
			.containsEntry("new", row);
		assertThat(data(events.get(1))).containsEntry("old", row).containsEntry("new", changed);
		assertThat(data(events.get(2))).containsEntry("old", changed).containsEntry("new", null);
		assertThat(this.api.get("/functions/v1/database/tables", this.secret).json().get("items").toString())
			.contains("name=orders, kind=table, watched=true");
	}

	@Test
	void aRolledBackChangeEmitsNothing() throws InterruptedException {
		rows("create table orders (id int primary key); select 1");
		this.watches.watch(this.project, "orders");

		assertSqlError(sql("insert into orders values (1); insert into orders values (1)"), "23505");
		rows("insert into orders values (2); select 1");

		CloudEvent event = take(1).getFirst();
		assertThat(data(event).get("new")).isEqualTo(Map.of("id", 2));
		assertThat(outboxRows()).hasSize(1);
		assertThat(this.delivered.poll(2, TimeUnit.SECONDS)).isNull();
	}

	@Test
	void watchingTwiceWatchesOnceAndUnwatchingStopsTheEvents() {
		rows("create table orders (id int primary key); select 1");
		this.watches.watch(this.project, "orders");
		this.watches.watch(this.project, "orders");

		rows("insert into orders values (1); select 1");
		this.watches.unwatch(this.project, "orders");
		this.watches.unwatch(this.project, "orders");
		rows("insert into orders values (2); select 1");

		assertThat(outboxRows()).hasSize(1).first().asString().contains("\"new\":{\"id\":1}");
		this.watches.unwatch(this.project, "no_such_table");
		this.watches.unwatch(UUID.randomUUID(), "orders");
	}

	@Test
	void watchRefusesTablesTheProjectDoesNotHave() {
		UUID other = UUID.randomUUID();
		assertThat(sql(auth.secretKeyToken(other), "create table theirs (id int)").status()).isEqualTo(200);
		rows("create view just_a_view as select 1 as one; select 1");

		for (String table : List.of("theirs", "just_a_view", "missing")) {
			assertThatThrownBy(() -> this.watches.watch(this.project, table)).isInstanceOfSatisfying(ApiException.class,
					(ex) -> {
						assertThat(ex.getStatus().value()).isEqualTo(404);
						assertThat(ex.getCode()).isEqualTo("functions.table_not_found");
					});
		}
		assertThatThrownBy(() -> this.watches.watch(UUID.randomUUID(), "theirs")).isInstanceOfSatisfying(
				ApiException.class, (ex) -> assertThat(ex.getCode()).isEqualTo("functions.table_not_found"));
	}

	@Test
	void writesTheOutboxRowThePlatformsPublisherWouldWrite() {
		rows("create table \"Order Lines\" (id int primary key, item text, note text); select 1");
		this.watches.watch(this.project, "Order Lines");
		rows("insert into \"Order Lines\" values (1, 'tea \"green\"', null); select 1");
		Map<String, Object> newRow = new LinkedHashMap<>();
		newRow.put("id", 1);
		newRow.put("item", "tea \"green\"");
		newRow.put("note", null);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("schema", schemaOf(this.project));
		data.put("table", "Order Lines");
		data.put("old", null);
		data.put("new", newRow);

		new TransactionTemplate(this.transactionManager).executeWithoutResult(
				(status) -> this.publisher.publish(NewEvent.of("db.row.inserted", this.project, "Order Lines", data)));

		List<Map<String, Object>> rows = outboxRows();
		assertThat(rows).hasSize(2);
		String fromTrigger = (String) rows.get(0).get("payload");
		String fromPublisher = (String) rows.get(1).get("payload");
		JsonNode triggered = this.json.readTree(fromTrigger);
		JsonNode published = this.json.readTree(fromPublisher);
		assertThat(rows.get(0).get("type")).isEqualTo(rows.get(1).get("type"));
		assertThat(rows.get(0).get("id")).hasToString(triggered.get("id").stringValue());
		assertThat(fromPublisher.replace(published.get("id").stringValue(), triggered.get("id").stringValue())
			.replace(published.get("time").stringValue(), triggered.get("time").stringValue())).isEqualTo(fromTrigger);
	}

	@Test
	void aRowLargerThanAnEventIsAnnouncedWithoutItsContent() throws InterruptedException {
		rows("create table docs (id int primary key, body text); select 1");
		this.watches.watch(this.project, "docs");

		rows("insert into docs values (1, repeat('x', 300000)); select 1");

		Map<String, Object> data = data(take(1).getFirst());
		assertThat(data).containsEntry("schema", schemaOf(this.project))
			.containsEntry("table", "docs")
			.containsEntry("old", null)
			.containsEntry("new", null)
			.containsEntry("truncated", true);
	}

	@Test
	void projectCodeNeverRunsAsTheEmitter() {
		String role = schemaOf(this.project);
		// A cast to json is what to_json would call for a column of this type: were the
		// emitter to call it, the project's function would run with the service's rights.
		rows("""
				create type mood as enum ('happy', 'sad');
				create function escalate(mood) returns json language plpgsql as $$
				begin
					alter role %s superuser;
					insert into functions.event_outbox (id, type, payload) values (gen_random_uuid(), 'db.row.deleted', 'forged');
					return '"hijacked"';
				end
				$$;
				create cast (mood as json) with function escalate(mood);
				create table moods (id int, feeling mood, feelings mood[]);
				select 1"""
			.formatted(role));
		this.watches.watch(this.project, "moods");

		rows("insert into moods values (1, 'happy', '{happy,sad}'), (2, null, null); select 1");

		assertThat(outboxRows()).extracting((row) -> row.get("payload"))
			.asString()
			.contains("\"new\":{\"id\":1,\"feeling\":\"happy\",\"feelings\":\"{happy,sad}\"}")
			.contains("\"new\":{\"id\":2,\"feeling\":null,\"feelings\":null}")
			.doesNotContain("hijacked");
		assertThat(outboxRows()).hasSize(2);
		assertThat(this.jdbc.sql("select rolsuper from pg_roles where rolname = ?")
			.param(role)
			.query(Boolean.class)
			.single()).isFalse();
	}

	private List<CloudEvent> take(int count) throws InterruptedException {
		List<CloudEvent> events = new ArrayList<>();
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (events.size() < count) {
			CloudEvent event = this.delivered.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			assertThat(event).as("event %d of %d within %s", events.size() + 1, count, PATIENCE).isNotNull();
			events.add(event);
		}
		return events;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> data(CloudEvent event) {
		return this.json.readValue(this.format.data(event).toString(), Map.class);
	}

	private List<Map<String, Object>> outboxRows() {
		return this.jdbc.sql("select id, type, payload from event_outbox where payload like ? order by position")
			.param("%\"project\":\"" + this.project + "\"%")
			.query()
			.listOfRows();
	}

}
