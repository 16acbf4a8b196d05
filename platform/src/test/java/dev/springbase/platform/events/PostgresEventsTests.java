package dev.springbase.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;

import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The event contract over the PostgreSQL transport. */
@TestPropertySource(properties = "springbase.events.transport=postgres")
class PostgresEventsTests extends EventsContractTests {

	@Override
	Map<String, String> transportProperties() {
		return Map.of("springbase.events.transport", "postgres");
	}

	@Override
	boolean transportKnows(String subscription) {
		return this.jdbc.sql("select count(*) from eventbus.subscriptions where name = ?")
			.param(subscription)
			.query(Long.class)
			.single() > 0;
	}

	@Override
	long pending(String subscription) {
		return this.jdbc.sql("select count(*) from eventbus.deliveries where subscription = ?")
			.param(subscription)
			.query(Long.class)
			.single();
	}

	@Override
	void deliverAgain(String subscription, String payload, int copies) {
		for (int i = 0; i < copies; i++) {
			this.jdbc.sql("""
					with appended as (
					    insert into eventbus.events (id, type, payload)
					    values ((?::json ->> 'id')::uuid, ?::json ->> 'type', ?) returning position)
					insert into eventbus.deliveries (subscription, event_position) select ?, position from appended""")
				.params(payload, payload, payload, subscription)
				.update();
		}
	}

	@Test
	void retentionKeepsOnlyEventsASubscriptionStillAwaits() {
		// Domains no other test subscribes to. Registered, then no instance consumes it:
		// the deliveries of retention.stalled stay pending.
		this.subscriber.subscribe(Subscription.of("retention.stalled", "notifications.#"), (event) -> {
		}).close();
		subscribe("retention.active", "functions.#", null, new ArrayList<>());
		CloudEvent awaited = inTransaction(
				() -> this.publisher.publish(NewEvent.of("notifications.message.sent", PROJECT, "user-1", null)));
		CloudEvent delivered = inTransaction(
				() -> this.publisher.publish(NewEvent.of("functions.invocation.finished", PROJECT, "done", null)));
		awaitEffects("retention.active", 1);
		await(() -> inLog(awaited.getId()), Duration.ofSeconds(10));
		agePrunableTransportRecords(awaited.getId());
		agePrunableTransportRecords(delivered.getId());

		this.retention.prune();

		assertThat(inLog(awaited.getId())).as("still awaited by retention.stalled").isTrue();
		assertThat(inLog(delivered.getId())).as("delivered to every subscription").isFalse();
	}

	private boolean inLog(String eventId) {
		return this.jdbc.sql("select count(*) from eventbus.events where id = ?::uuid")
			.param(eventId)
			.query(Long.class)
			.single() > 0;
	}

	@Override
	void agePrunableTransportRecords(String eventId) {
		this.jdbc.sql("update eventbus.events set created_at = now() - interval '8 days' where id = ?::uuid")
			.param(eventId)
			.update();
	}

}
