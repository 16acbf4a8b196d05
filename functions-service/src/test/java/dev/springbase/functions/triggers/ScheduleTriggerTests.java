package dev.springbase.functions.triggers;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schedule fires once per tick however many schedulers race for it, fires a missed tick
 * once rather than in a burst, and runs the function with the tick.
 */
class ScheduleTriggerTests extends TriggeredFunctionsTests {

	@Autowired
	ScheduleTicker ticker;

	@Autowired
	TriggerRepository triggers;

	@Autowired
	TriggersProperties properties;

	@Test
	void firesOncePerTickWithSchedulersRacingAndRunsTheFunction() throws Exception {
		String function = uniqueName("hourly");
		deployHandler(function, "demo.OnTick");
		// Every hour on the hour in India: at half past, UTC.
		Map<String, Object> created = this.api
			.json("POST", "/functions/v1/functions/" + function + "/triggers", this.secret,
					Map.of("type", "schedule", "cron", "0 0 * * * *", "timeZone", "Asia/Kolkata"))
			.json();
		String trigger = created.get("id").toString();
		Instant next = Instant.parse(created.get("nextFireAt").toString());
		assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(61, ChronoUnit.MINUTES));
		assertThat(next.atZone(java.time.ZoneOffset.UTC).getMinute()).isEqualTo(30);
		// As if every instance had been down for three ticks.
		Instant missed = next.minus(3, ChronoUnit.HOURS);
		this.jdbc.sql("update functions.triggers set next_fire_at = ? where id = ?::uuid")
			.params(java.sql.Timestamp.from(missed), trigger)
			.update();

		ScheduleTicker other = new ScheduleTicker(this.triggers, this.publisher, this.transactions, this.properties);
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> racers = new ArrayList<>();
		for (ScheduleTicker scheduler : List.of(this.ticker, other, this.ticker, other)) {
			racers.add(Thread.ofVirtual().start(() -> {
				try {
					start.await();
					for (int i = 0; i < 20; i++) {
						scheduler.fireDue();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
		}
		start.countDown();
		for (Thread racer : racers) {
			racer.join();
		}

		assertThat(ticks(trigger)).isEqualTo(1);
		assertThat(this.triggers.find(functionId(trigger), UUID.fromString(trigger)).orElseThrow().nextFireAt())
			.as("the next tick after now, not the missed ones")
			.isEqualTo(next);
		List<Map<String, Object>> ran = awaitInvocations(function, 1);
		assertThat(ran).hasSize(1);
		assertThat(ran.get(0)).containsEntry("trigger", "schedule")
			.containsEntry("triggerId", trigger)
			.containsEntry("status", "succeeded");
		assertThat(ran.get(0).get("logs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("INFO schedule.tick " + missed + " 0 0 * * * * Asia/Kolkata");
	}

	private long ticks(String trigger) {
		return this.jdbc
			.sql("select count(*) from functions.event_outbox where type = 'schedule.tick' and payload like ?")
			.param("%\"subject\":\"" + trigger + "\"%")
			.query(Long.class)
			.single();
	}

	private UUID functionId(String trigger) {
		return this.jdbc.sql("select function_id from functions.triggers where id = ?::uuid")
			.param(trigger)
			.query(UUID.class)
			.single();
	}

}
