package dev.springbase.functions.triggers;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.platform.events.EventSubscriber;
import dev.springbase.platform.events.Subscription;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Storage and auth triggers run their function for the events they bind to and no others,
 * with the event's data typed (a user's pending email change included); failures are
 * retried, then dead-lettered and replayed through the API; deleting a trigger, or its
 * function, ends its deliveries.
 */
class TriggerTests extends TriggeredFunctionsTests {

	@Autowired
	EventSubscriber subscriber;

	@Autowired
	TriggerSubscriptions subscriptions;

	@Test
	void storageTriggerRunsTheFunctionForMatchingObjectsOnly() {
		String function = uniqueName("thumbs");
		deployHandler(function, "demo.OnObject");
		String trigger = createdTrigger(function, Map.of("type", "storage", "bucket", "photos", "prefix", "in/",
				"suffix", ".png", "events", List.of("created")));

		CloudEvent cat = emit("storage.object.created", this.project, "photos/in/cat.png", object("in/cat.png"));
		emit("storage.object.created", this.project, "docs/in/cat.png", object("in/cat.png"));
		emit("storage.object.created", this.project, "photos/out/cat.png", object("out/cat.png"));
		emit("storage.object.created", this.project, "photos/in/cat.jpg", object("in/cat.jpg"));
		emit("storage.object.deleted", this.project, "photos/in/cat.png", object("in/cat.png"));
		emit("storage.object.created", UUID.randomUUID(), "photos/in/cat.png", object("in/cat.png"));
		CloudEvent dog = emit("storage.object.created", this.project, "photos/in/dog.png", object("in/dog.png"));

		List<Map<String, Object>> ran = awaitInvocations(function, 2);
		sleep(Duration.ofMillis(500));
		assertThat(invocations(function)).hasSize(2);
		Map<String, Object> first = ran.get(1);
		assertThat(first).containsEntry("trigger", "storage")
			.containsEntry("triggerId", trigger)
			.containsEntry("eventId", cat.getId())
			.containsEntry("status", "succeeded");
		assertThat(first.get("logs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("INFO storage.object.created photos/in/cat.png photos in/cat.png 42 caller=false");
		assertThat(ran.get(0)).containsEntry("eventId", dog.getId());
		Reply byTrigger = this.api.get("/functions/v1/invocations?triggerId=" + trigger, this.secret);
		assertThat(byTrigger.json().get("items")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.hasSize(2);
	}

	@Test
	void authTriggerRunsTheFunctionForTheChosenUserEvents() {
		String function = uniqueName("welcome");
		deployHandler(function, "demo.OnUser");
		createdTrigger(function, Map.of("type", "auth", "events", List.of("created", "signed_in")));
		String userId = UUID.randomUUID().toString();
		Map<String, Object> user = Map.of("id", userId, "email", "ada@example.com", "anonymous", false, "userMetadata",
				Map.of(), "appMetadata", Map.of(), "createdAt", "2026-01-01T00:00:00Z", "updatedAt",
				"2026-01-01T00:00:00Z");
		String session = UUID.randomUUID().toString();

		emit("auth.user.created", this.project, userId, Map.of("user", user));
		emit("auth.user.updated", this.project, userId, Map.of("user", user));
		emit("auth.user.signed_in", this.project, userId, Map.of("user", user, "sessionId", session));

		List<Map<String, Object>> ran = awaitInvocations(function, 2);
		sleep(Duration.ofMillis(500));
		assertThat(invocations(function)).hasSize(2)
			.allSatisfy((invocation) -> assertThat(invocation).containsEntry("trigger", "auth")
				.containsEntry("status", "succeeded"));
		assertThat(ran.get(1).get("logs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("INFO auth.user.created " + userId + " ada@example.com null");
		assertThat(ran.get(0).get("logs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("INFO auth.user.signed_in " + userId + " ada@example.com " + session);
	}

	@Test
	void authTriggerGivesTheFunctionTheEmailChangeAUserHasPending() {
		String function = uniqueName("mover");
		deployHandler(function, "demo.OnEmailChange");
		createdTrigger(function, Map.of("type", "auth", "events", List.of("updated")));
		String userId = UUID.randomUUID().toString();
		Instant sentAt = Instant.parse("2026-03-02T10:15:30.654321Z");
		// The user as the auth service emits it after PUT /user with a new address.
		Map<String, Object> user = new LinkedHashMap<>();
		user.put("id", userId);
		user.put("email", "mover@example.com");
		user.put("anonymous", false);
		user.put("emailConfirmedAt", Instant.parse("2026-03-01T09:00:00Z"));
		user.put("newEmail", "mover.renamed@example.com");
		user.put("emailChangeSentAt", sentAt);
		user.put("emailChangeAwaiting", List.of("current", "new"));
		user.put("userMetadata", Map.of());
		user.put("appMetadata", Map.of());
		user.put("bannedUntil", null);
		user.put("lastSignInAt", Instant.parse("2026-03-02T10:00:00Z"));
		user.put("createdAt", Instant.parse("2026-03-01T08:59:00Z"));
		user.put("updatedAt", Instant.parse("2026-03-01T09:00:00Z"));

		emit("auth.user.updated", this.project, userId, Map.of("user", user));

		assertThat(awaitInvocations(function, 1)).singleElement()
			.satisfies((invocation) -> assertThat(invocation).containsEntry("status", "succeeded")
				.extractingByKey("logs")
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
				.containsExactly("INFO mover@example.com -> mover.renamed@example.com sent " + sentAt
						+ " awaiting [current, new]"));
	}

	@Test
	void aFailingFunctionIsRetriedThenDeadLetteredAndReplayRunsItAgain() {
		String function = uniqueName("fragile");
		deployHandler(function, "demo.OnObject");
		String trigger = createdTrigger(function, Map.of("type", "storage", "bucket", "photos"));

		CloudEvent event = emit("storage.object.created", this.project, "photos/fail.png", object("fail.png"));

		String subscription = "functions.trigger." + trigger;
		Map<String, Object> deadLetter = awaitDeadLetter(subscription);
		assertThat(deadLetter).containsEntry("eventId", event.getId()).containsEntry("attempts", 3);
		assertThat(deadLetter.get("lastError").toString()).contains("failed: functions.function_failed")
			.contains("cannot handle fail.png");
		assertThat(invocations(function)).hasSize(3)
			.allSatisfy((invocation) -> assertThat(invocation).containsEntry("status", "failed")
				.containsEntry("eventId", event.getId()));
		Reply otherProject = this.api.post("/functions/v1/events/dead-letters/" + deadLetter.get("id") + "/replay",
				auth.secretKeyToken(UUID.randomUUID()), "");
		assertThat(otherProject.status()).isEqualTo(404);

		this.api.json("PATCH", "/functions/v1/functions/" + function, this.secret, Map.of("env", Map.of("FAIL", "no")));
		Reply replayed = this.api.post("/functions/v1/events/dead-letters/" + deadLetter.get("id") + "/replay",
				this.secret, "");

		assertThat(replayed.status()).as(replayed.text()).isEqualTo(202);
		List<Map<String, Object>> ran = awaitInvocations(function,
				(items) -> items.stream().anyMatch((item) -> "succeeded".equals(item.get("status"))));
		assertThat(ran.get(0)).containsEntry("status", "succeeded").containsEntry("eventId", event.getId());
		assertThat(ran).hasSize(4);
	}

	@Test
	void deletingATriggerEndsItsDeliveriesAndRemovesItsSubscription() {
		String function = uniqueName("stopped");
		deployHandler(function, "demo.OnObject");
		String trigger = createdTrigger(function, Map.of("type", "storage", "bucket", "photos"));
		emit("storage.object.created", this.project, "photos/one.png", object("one.png"));
		awaitInvocations(function, 1);
		assertThat(subscriptionExists(trigger)).isTrue();

		Reply deleted = this.api.delete("/functions/v1/functions/" + function + "/triggers/" + trigger, this.secret);

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(subscriptionExists(trigger)).isFalse();
		assertThat(
				this.jdbc.sql("select count(*) from functions.retired_trigger_subscriptions where trigger_id = ?::uuid")
					.param(trigger)
					.query(Long.class)
					.single())
			.as("the note of a removed subscription")
			.isZero();
		emit("storage.object.created", this.project, "photos/two.png", object("two.png"));
		sleep(Duration.ofSeconds(1));
		assertThat(invocations(function)).hasSize(1);
		assertThat(this.api.get("/functions/v1/functions/" + function + "/triggers", this.secret).text())
			.isEqualTo("[]");
		Reply again = this.api.delete("/functions/v1/functions/" + function + "/triggers/" + trigger, this.secret);
		assertThat(again.status()).isEqualTo(404);
		assertThat(again.code()).isEqualTo("functions.trigger_not_found");
	}

	@Test
	void removesTheSubscriptionOfATriggerDeletedByAnInstanceThatStoppedBeforeRemovingIt() {
		// What such an instance leaves: the trigger deleted with its note committed, its
		// subscription still on the backbone, consumed by no one.
		UUID trigger = UUID.randomUUID();
		this.subscriber
			.subscribe(new Subscription("functions.trigger." + trigger, "storage.object.*", null), (event) -> {
			})
			.close();
		this.jdbc.sql("insert into functions.retired_trigger_subscriptions (trigger_id) values (?)")
			.param(trigger)
			.update();
		assertThat(subscriptionExists(trigger.toString())).isTrue();

		this.subscriptions.sync();

		assertThat(subscriptionExists(trigger.toString())).isFalse();
		assertThat(this.jdbc.sql("select count(*) from functions.retired_trigger_subscriptions")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void deletingAFunctionTakesItsTriggersAlong() {
		String function = uniqueName("doomed");
		deployHandler(function, "demo.OnObject");
		String storage = createdTrigger(function, Map.of("type", "storage", "bucket", "photos"));
		String schedule = createdTrigger(function, Map.of("type", "schedule", "cron", "@daily"));

		assertThat(this.api.delete("/functions/v1/functions/" + function, this.secret).status()).isEqualTo(204);

		assertThat(subscriptionExists(storage)).isFalse();
		assertThat(subscriptionExists(schedule)).isFalse();
		assertThat(this.jdbc.sql("select count(*) from functions.triggers where id in (?::uuid, ?::uuid)")
			.params(storage, schedule)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void refusesBadTriggersWithClearCodesAndStoresNothing() {
		String function = uniqueName("strict");
		deployHandler(function, "demo.OnObject");

		assertCode(function, Map.of("bucket", "photos"), 400, "functions.invalid_trigger");
		assertCode(function, Map.of("type", "http"), 400, "functions.invalid_trigger");
		assertCode(function, Map.of("type", "storage"), 400, "functions.invalid_trigger");
		assertCode(function, Map.of("type", "storage", "bucket", "Photos!"), 400, "functions.invalid_trigger");
		assertCode(function, Map.of("type", "storage", "bucket", "photos", "events", List.of("updated")), 400,
				"functions.invalid_trigger");
		assertCode(function, Map.of("type", "storage", "bucket", "photos", "events", List.of()), 400,
				"functions.invalid_trigger");
		assertCode(function, Map.of("type", "storage", "bucket", "photos", "cron", "@daily"), 400,
				"functions.invalid_trigger");
		assertCode(function, Map.of("type", "auth", "events", List.of("created", "created")), 400,
				"functions.invalid_trigger");
		assertCode(function, Map.of("type", "database", "table", "public.orders"), 400, "functions.invalid_trigger");
		assertCode(function, Map.of("type", "schedule"), 400, "functions.invalid_trigger");
		assertCode(function, Map.of("type", "schedule", "cron", "every minute"), 400, "functions.invalid_cron");
		assertCode(function, Map.of("type", "schedule", "cron", "0 0 0 30 2 *"), 400, "functions.invalid_cron");
		assertCode(function, Map.of("type", "schedule", "cron", "0 */5 * * * *", "timeZone", "Mars/Olympus"), 400,
				"functions.invalid_time_zone");
		Reply notJson = this.api.post("/functions/v1/functions/" + function + "/triggers", this.secret, "{",
				"Content-Type", "application/json");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(this.api.get("/functions/v1/functions/" + function + "/triggers", this.secret).text())
			.isEqualTo("[]");
		assertThat(this.jdbc.sql("select count(*) from eventbus.subscriptions where name like 'functions.trigger.%'")
			.query(Long.class)
			.single()).isEqualTo(this.jdbc.sql("select count(*) from functions.triggers").query(Long.class).single());
	}

	@Test
	void viewersListTriggersAndOtherProjectsSeeNone() {
		String function = uniqueName("visible");
		deployHandler(function, "demo.OnObject");
		String trigger = createdTrigger(function,
				Map.of("type", "schedule", "cron", "0 0 9 * * MON-FRI", "timeZone", "Europe/Oslo"));
		UUID viewer = UUID.randomUUID();
		auth.addMember(this.project, viewer, "viewer");
		String viewerToken = auth.accountToken(viewer, false);

		Reply listed = this.api.get("/functions/v1/functions/" + function + "/triggers", viewerToken, "X-Project-Id",
				this.project.toString());
		Reply byViewer = this.api.json("POST", "/functions/v1/functions/" + function + "/triggers", viewerToken,
				Map.of("type", "auth"), "X-Project-Id", this.project.toString());
		String otherSecret = auth.secretKeyToken(UUID.randomUUID());
		Reply foreignList = this.api.get("/functions/v1/functions/" + function + "/triggers", otherSecret);
		Reply foreignDelete = this.api.delete("/functions/v1/functions/" + function + "/triggers/" + trigger,
				otherSecret);

		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.text()).contains("\"id\":\"" + trigger + "\"")
			.contains("\"type\":\"schedule\"")
			.contains("\"timeZone\":\"Europe/Oslo\"")
			.contains("\"nextFireAt\"")
			.contains("\"subscription\":\"functions.trigger." + trigger + "\"")
			.doesNotContain("\"bucket\"");
		assertThat(byViewer.status()).isEqualTo(403);
		assertThat(byViewer.code()).isEqualTo("functions.admin_required");
		assertThat(foreignList.status()).isEqualTo(404);
		assertThat(foreignList.code()).isEqualTo("functions.function_not_found");
		assertThat(foreignDelete.status()).isEqualTo(404);
		assertThat(subscriptionExists(trigger)).isTrue();
	}

	private void assertCode(String function, Map<String, Object> body, int status, String code) {
		Reply reply = createTrigger(function, body);
		assertThat(reply.status()).as(body + " -> " + reply.text()).isEqualTo(status);
		assertThat(reply.code()).as(body.toString()).isEqualTo(code);
		assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
	}

	private Map<String, Object> awaitDeadLetter(String subscription) {
		List<Map<String, Object>> items = List.of();
		for (int i = 0; i < 300 && items.isEmpty(); i++) {
			Reply reply = this.api.get("/functions/v1/events/dead-letters?subscription=" + subscription, this.secret);
			assertThat(reply.status()).as(reply.text()).isEqualTo(200);
			items = items(reply);
			if (items.isEmpty()) {
				sleep(Duration.ofMillis(100));
			}
		}
		assertThat(items).as("dead letters of " + subscription).hasSize(1);
		return items.getFirst();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(Reply reply) {
		return (List<Map<String, Object>>) reply.json().get("items");
	}

	private static Map<String, Object> object(String key) {
		Map<String, Object> data = new java.util.LinkedHashMap<>();
		data.put("bucket", "photos");
		data.put("key", key);
		data.put("size", 42);
		data.put("contentType", "image/png");
		data.put("sha256", "ab");
		data.put("owner", null);
		return data;
	}

}
