package dev.springbase.platform.events;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import com.nimbusds.jose.jwk.RSAKey;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import dev.springbase.platform.TestJwks;
import dev.springbase.platform.errors.ApiException;
import dev.springbase.testsupport.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * What every transport must show: a commit yields exactly one delivery per matching
 * subscription and a rollback none; a killed process loses nothing and applies nothing
 * twice; two instances share the work; failures are retried with backoff, dead-lettered
 * and replayed; bad input is refused with a clear code and nothing is lost.
 */
@FreshDatabase
@SpringBootTest(classes = EventsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class EventsContractTests {

	static final UUID PROJECT = UUID.fromString("0190a5c4-0000-7000-8000-000000000001");

	static final UUID OTHER_PROJECT = UUID.fromString("0190a5c4-0000-7000-8000-000000000002");

	static final TestJwks jwks = startJwks();

	static final RSAKey key = jwks.publishNewKey();

	@Autowired
	EventPublisher publisher;

	@Autowired
	EventSubscriber subscriber;

	@Autowired
	DeadLetters deadLetters;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Environment environment;

	@Autowired
	Tracer tracer;

	@LocalServerPort
	int port;

	final List<Subscribed> subscribed = new CopyOnWriteArrayList<>();

	@DynamicPropertySource
	static void commonProperties(DynamicPropertyRegistry registry) {
		registry.add("springbase.security.jwks-uri", jwks::uri);
		eventProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	/** The settings every instance in these tests shares, child processes included. */
	static Map<String, String> eventProperties() {
		return Map.ofEntries(Map.entry("spring.application.name", "test-service"),
				Map.entry("springbase.api-prefix", "/test/v1"), Map.entry("springbase.events.enabled", "true"),
				Map.entry("springbase.events.schema", "svc"), Map.entry("springbase.events.max-event-size", "4KB"),
				Map.entry("springbase.events.relay.poll-interval", "200ms"),
				Map.entry("springbase.events.consumer.poll-interval", "200ms"),
				Map.entry("springbase.events.consumer.max-attempts", "3"),
				Map.entry("springbase.events.consumer.initial-backoff", "200ms"),
				Map.entry("springbase.events.consumer.max-backoff", "1s"));
	}

	/** Transport-specific settings, passed to other instances too. */
	abstract Map<String, String> transportProperties();

	/** Whether the transport knows the subscription, as its durable state shows. */
	abstract boolean transportKnows(String subscription);

	/** How many events the transport holds for the subscription, undelivered. */
	abstract long pending(String subscription);

	@BeforeEach
	void createEffectsTable() {
		this.jdbc.sql("""
				create table if not exists svc.effects (
				    subscription text not null, event_id uuid not null, instance text not null,
				    handled_at timestamptz not null default clock_timestamp())""").update();
	}

	@org.junit.jupiter.api.AfterEach
	void closeSubscriptions() {
		this.subscribed.forEach(Subscribed::close);
		this.subscribed.clear();
	}

	@Test
	void commitEmitsExactlyOneDeliveryPerMatchingSubscription() {
		List<CloudEvent> received = new CopyOnWriteArrayList<>();
		subscribe("commit.objects", "storage.object.*", null, received);
		subscribe("commit.photos", "storage.#", "subject ^= 'photos/' and project = '" + PROJECT + "'", received);
		subscribe("commit.users", "auth.user.*", null, received);
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

		List<CloudEvent> published = inTransaction(() -> List.of(
				this.publisher
					.publish(NewEvent.of("storage.object.created", PROJECT, "photos/cat.png", Map.of("size", 42))
						.withTrace(traceparent, "vendor=1")),
				this.publisher.publish(NewEvent.of("storage.object.deleted", PROJECT, "docs/old.txt", null))));
		awaitEffects("commit.objects", 2);
		awaitEffects("commit.photos", 1);
		CloudEvent marker = inTransaction(
				() -> this.publisher.publish(NewEvent.of("auth.user.created", PROJECT, "user-1", null)));
		awaitEffects("commit.users", 1);

		assertThat(effects("commit.objects")).containsExactlyInAnyOrder(published.get(0).getId(),
				published.get(1).getId());
		assertThat(effects("commit.photos")).containsExactly(published.get(0).getId());
		assertThat(effects("commit.users")).containsExactly(marker.getId());
		CloudEvent photo = received.stream()
			.filter((event) -> event.getId().equals(published.get(0).getId()))
			.findFirst()
			.orElseThrow();
		assertThat(photo.getType()).isEqualTo("storage.object.created");
		assertThat(photo.getSource().toString()).isEqualTo("/springbase/test");
		assertThat(photo.getSubject()).isEqualTo("photos/cat.png");
		assertThat(photo.getExtension("project")).isEqualTo(PROJECT.toString());
		assertThat(photo.getExtension("traceparent")).isEqualTo(traceparent);
		assertThat(photo.getExtension("tracestate")).isEqualTo("vendor=1");
		assertThat(new String(photo.getData().toBytes())).isEqualTo("{\"size\":42}");
		assertThat(this.meters.get("springbase.events.delivery.latency")
			.tag("subscription", "commit.objects")
			.timer()
			.count()).isEqualTo(2);
	}

	@Test
	void oneTraceSpansProducerAndConsumer() {
		List<String> seen = new CopyOnWriteArrayList<>();
		JdbcClient jdbc = this.jdbc;
		this.subscribed
			.add(this.subscriber.subscribe(Subscription.of("trace.objects", "storage.object.created"), (event) -> {
				TraceContext context = this.tracer.currentTraceContext().context();
				seen.add(context.traceId() + "/" + context.spanId());
				jdbc.sql("insert into svc.effects (subscription, event_id, instance) values (?, ?::uuid, 'test')")
					.params("trace.objects", event.getId())
					.update();
			}));
		Span request = this.tracer.nextSpan().name("request").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(request)) {
			inTransaction(() -> this.publisher
				.publish(NewEvent.of("storage.object.created", PROJECT, "photos/cat.png", Map.of("size", 42))));
		}
		finally {
			request.end();
		}
		awaitEffects("trace.objects", 1);

		// The handler runs in a span of its own within the producer's trace.
		assertThat(seen).hasSize(1);
		assertThat(seen.get(0)).startsWith(request.context().traceId() + "/")
			.isNotEqualTo(request.context().traceId() + "/" + request.context().spanId());
	}

	@Test
	void rollbackEmitsNothing() {
		subscribe("rollback.objects", "storage.object.*", null, new ArrayList<>());
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		CloudEvent rolledBack = transaction.execute((status) -> {
			CloudEvent event = this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "gone", null));
			status.setRollbackOnly();
			return event;
		});
		CloudEvent marker = inTransaction(
				() -> this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "marker", null)));
		awaitEffects("rollback.objects", 1);

		assertThat(effects("rollback.objects")).containsExactly(marker.getId());
		assertThat(outboxHas(rolledBack.getId())).isFalse();
	}

	/**
	 * An event emitted after seeing another transaction's change is delivered after that
	 * change's event, also when its own transaction started first and an unrelated
	 * transaction stays open; and neither waits for that open transaction.
	 */
	@Test
	void deliversInCommitOrderWithoutWaitingForOpenTransactions() throws Exception {
		subscribe("order.objects", "storage.object.*", null, new ArrayList<>());
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		CountDownLatch deleterStarted = new CountDownLatch(1);
		CountDownLatch longStarted = new CountDownLatch(1);
		CountDownLatch created = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<CloudEvent> emitted = new CopyOnWriteArrayList<>();
		Thread deleter = Thread.ofVirtual().start(() -> transaction.executeWithoutResult((status) -> {
			// Takes its transaction id before the others do.
			this.jdbc.sql("select pg_current_xact_id()").query(String.class).single();
			deleterStarted.countDown();
			awaitLatch(created);
			emitted.add(this.publisher.publish(NewEvent.of("storage.object.deleted", PROJECT, "photos/a", null)));
		}));
		awaitLatch(deleterStarted);
		Thread longRunning = Thread.ofVirtual().start(() -> transaction.executeWithoutResult((status) -> {
			emitted.add(this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "long", null)));
			longStarted.countDown();
			awaitLatch(release);
		}));
		awaitLatch(longStarted);
		CloudEvent create = inTransaction(
				() -> this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "photos/a", null)));
		created.countDown();
		deleter.join(Duration.ofSeconds(20));
		CloudEvent delete = emitted.stream()
			.filter((event) -> event.getType().equals("storage.object.deleted"))
			.findFirst()
			.orElseThrow();

		awaitEffects("order.objects", 2);
		assertThat(effects("order.objects")).containsExactly(create.getId(), delete.getId());

		release.countDown();
		longRunning.join(Duration.ofSeconds(20));
		awaitEffects("order.objects", 3);
		assertThat(effects("order.objects")).hasSize(3).endsWith(emitted.getFirst().getId());
	}

	@Test
	void reportsOutboxDepthAndRelayLag() {
		subscribe("metrics.objects", "storage.object.*", null, new ArrayList<>());
		this.relay.stop();
		try {
			inTransaction(() -> {
				for (int i = 0; i < 3; i++) {
					this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "waiting/" + i, null));
				}
				return null;
			});
			await(() -> gauge("springbase.events.outbox.depth") == 3, Duration.ofSeconds(10));
			await(() -> gauge("springbase.events.relay.lag") > 0, Duration.ofSeconds(10));
			assertThat(effectCount("metrics.objects")).isZero();
		}
		finally {
			this.relay.start();
		}
		awaitEffects("metrics.objects", 3);
		await(() -> gauge("springbase.events.outbox.depth") == 0, Duration.ofSeconds(10));
		assertThat(gauge("springbase.events.relay.lag")).isZero();
	}

	@Test
	void duplicatesOnTheWireAreAppliedOnce() {
		subscribe("dup.objects", "storage.object.*", null, new ArrayList<>());
		CloudEvent event = inTransaction(
				() -> this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "dup", null)));
		awaitEffects("dup.objects", 1);

		String payload = this.jdbc.sql("select payload from svc.event_outbox where id = ?::uuid")
			.param(event.getId())
			.query(String.class)
			.single();
		deliverAgain("dup.objects", payload, 2);
		CloudEvent marker = inTransaction(
				() -> this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "marker", null)));
		awaitEffects("dup.objects", 2);

		assertThat(effects("dup.objects")).containsExactly(event.getId(), marker.getId());
		assertThat(this.meters.get("springbase.events.duplicates").tag("subscription", "dup.objects").counter().count())
			.isEqualTo(2);
	}

	@Test
	void retriesWithBackoffThenDeadLettersAndReplayDeliversAgain() {
		AtomicBoolean failing = new AtomicBoolean(true);
		List<Instant> attempts = new CopyOnWriteArrayList<>();
		JdbcClient jdbc = this.jdbc;
		this.subscribed
			.add(this.subscriber.subscribe(Subscription.of("poison.objects", "storage.object.*"), (event) -> {
				attempts.add(Instant.now());
				jdbc.sql("insert into svc.effects (subscription, event_id, instance) values (?, ?::uuid, 'test')")
					.params("poison.objects", event.getId())
					.update();
				if (failing.get()) {
					throw new IllegalStateException("thumbnailer is down");
				}
			}));
		CloudEvent event = inTransaction(
				() -> this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "poison.png", null)));

		await(() -> !this.deadLetters
			.list(dev.springbase.platform.web.PageRequest.of(null, null), null, "poison.objects")
			.items()
			.isEmpty(), Duration.ofSeconds(30));
		assertThat(attempts).hasSize(3);
		// 200ms doubling, less up to 20% jitter: at least 160ms, then 320ms.
		assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(160));
		assertThat(Duration.between(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(320));
		assertThat(effects("poison.objects")).as("failed attempts leave no effect").isEmpty();
		assertThat(this.meters.get("springbase.events.retries").tag("subscription", "poison.objects").counter().count())
			.isEqualTo(2);
		assertThat(this.meters.get("springbase.events.dead_letters")
			.tag("subscription", "poison.objects")
			.counter()
			.count()).isEqualTo(1);

		ResponseEntity<Map> list = http("GET", "/test/v1/events/dead-letters?subscription=poison.objects",
				serviceToken(PROJECT));
		assertThat(list.getStatusCode().value()).isEqualTo(200);
		List<Map<String, Object>> items = (List<Map<String, Object>>) list.getBody().get("items");
		assertThat(items).hasSize(1);
		assertThat(items.get(0)).containsEntry("eventId", event.getId())
			.containsEntry("attempts", 3)
			.containsEntry("project", PROJECT.toString())
			.containsEntry("lastError", "IllegalStateException: thumbnailer is down")
			.doesNotContainKey("event");
		String id = (String) items.get(0).get("id");

		ResponseEntity<Map> inspected = http("GET", "/test/v1/events/dead-letters/" + id, serviceToken(PROJECT));
		assertThat(inspected.getStatusCode().value()).isEqualTo(200);
		assertThat((Map<String, Object>) inspected.getBody().get("event")).containsEntry("id", event.getId())
			.containsEntry("type", "storage.object.created")
			.containsEntry("subject", "poison.png");
		assertProblem(http("GET", "/test/v1/events/dead-letters/" + id, serviceToken(OTHER_PROJECT)), 404,
				"events.dead_letter_not_found");
		assertProblem(http("GET", "/test/v1/events/dead-letters", anonToken()), 403, "events.forbidden");
		assertProblem(http("GET", "/test/v1/events/dead-letters", userToken()), 403, "events.forbidden");
		assertProblem(http("POST", "/test/v1/events/dead-letters/" + id + "/replay", accountToken(false)), 403,
				"events.forbidden");
		assertThat(http("GET", "/test/v1/events/dead-letters", null).getStatusCode().value()).isEqualTo(401);
		assertProblem(http("POST", "/test/v1/events/dead-letters/" + id + "/replay", serviceToken(OTHER_PROJECT)), 404,
				"events.dead_letter_not_found");

		failing.set(false);
		ResponseEntity<Map> replayed = http("POST", "/test/v1/events/dead-letters/" + id + "/replay", adminToken());
		assertThat(replayed.getStatusCode().value()).isEqualTo(202);
		awaitEffects("poison.objects", 1);
		assertThat(effects("poison.objects")).containsExactly(event.getId());
		assertProblem(http("GET", "/test/v1/events/dead-letters/" + id, adminToken()), 404,
				"events.dead_letter_not_found");
		assertProblem(http("POST", "/test/v1/events/dead-letters/" + id + "/replay", adminToken()), 404,
				"events.dead_letter_not_found");
	}

	@Test
	void unsubscribeStopsConsumingAndForgetsPendingEvents() {
		subscribe("gone.objects", "storage.object.*", null, new ArrayList<>());
		CloudEvent first = inTransaction(
				() -> this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "gone/1", null)));
		awaitEffects("gone.objects", 1);
		closeSubscriptions();
		// Kept for the subscription while no consumer runs...
		inTransaction(() -> this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "gone/2", null)));
		await(() -> pending("gone.objects") > 0, Duration.ofSeconds(10));

		this.subscriber.unsubscribe("gone.objects");
		this.subscriber.unsubscribe("gone.objects");

		// ...and dropped with it: a new subscription of the same name starts empty.
		assertThat(transportKnows("gone.objects")).isFalse();
		subscribe("gone.objects", "storage.object.*", null, new ArrayList<>());
		CloudEvent after = inTransaction(
				() -> this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "gone/3", null)));
		awaitEffects("gone.objects", 2);
		assertThat(effects("gone.objects")).containsExactly(first.getId(), after.getId());
		assertCode(() -> this.subscriber.unsubscribe("Not A Name"), "events.invalid_subscription");
	}

	/**
	 * With a batch size of 1, a failing event never makes the handler run again for the
	 * events beside it, as redoing a batch would.
	 */
	@Test
	void batchSizeOfOneHandlesEveryEventAlone() {
		Map<String, Integer> calls = new java.util.concurrent.ConcurrentHashMap<>();
		JdbcClient jdbc = this.jdbc;
		this.subscribed.add(this.subscriber.subscribe(
				Subscription.of("single.objects", "storage.object.*").withBatchSize(1).withConcurrency(1), (event) -> {
					calls.merge(event.getSubject(), 1, Integer::sum);
					if (event.getSubject().equals("single/fail")) {
						throw new IllegalStateException("always fails");
					}
					jdbc.sql("insert into svc.effects (subscription, event_id, instance) values (?, ?::uuid, 'test')")
						.params("single.objects", event.getId())
						.update();
				}));
		inTransaction(() -> {
			for (String subject : List.of("single/a", "single/fail", "single/b")) {
				this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, subject, null));
			}
			return null;
		});

		await(() -> !this.deadLetters
			.list(dev.springbase.platform.web.PageRequest.of(null, null), null, "single.objects")
			.items()
			.isEmpty(), Duration.ofSeconds(30));
		assertThat(effectCount("single.objects")).isEqualTo(2);
		assertThat(calls).containsEntry("single/a", 1).containsEntry("single/b", 1).containsEntry("single/fail", 3);
		assertCode(() -> this.subscriber.subscribe(Subscription.of("bad.batch", "storage.object.*").withBatchSize(0),
				(event) -> {
				}), "events.invalid_subscription");
		assertThat(transportKnows("bad.batch")).isFalse();
	}

	/**
	 * A handler outside a transaction holds no connection while it runs, is retried when
	 * it fails, and is not run again for an event it handled.
	 */
	@Test
	void handlesOutsideATransactionWhenAsked() {
		Map<String, Integer> calls = new java.util.concurrent.ConcurrentHashMap<>();
		List<Boolean> inTransaction = new CopyOnWriteArrayList<>();
		JdbcClient jdbc = this.jdbc;
		this.subscribed.add(this.subscriber
			.subscribe(Subscription.of("alone.objects", "storage.object.*").withoutTransaction(), (event) -> {
				inTransaction.add(org.springframework.transaction.support.TransactionSynchronizationManager
					.isActualTransactionActive());
				if (calls.merge(event.getSubject(), 1, Integer::sum) == 1 && event.getSubject().equals("alone/flaky")) {
					throw new IllegalStateException("first attempt fails");
				}
				jdbc.sql("insert into svc.effects (subscription, event_id, instance) values (?, ?::uuid, 'test')")
					.params("alone.objects", event.getId())
					.update();
			}));
		List<CloudEvent> published = inTransaction(
				() -> List.of(this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "alone/a", null)),
						this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "alone/flaky", null))));
		awaitEffects("alone.objects", 2);

		String payload = this.jdbc.sql("select payload from svc.event_outbox where id = ?::uuid")
			.param(published.get(0).getId())
			.query(String.class)
			.single();
		deliverAgain("alone.objects", payload, 1);
		CloudEvent marker = inTransaction(
				() -> this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "alone/marker", null)));
		awaitEffects("alone.objects", 3);

		assertThat(effects("alone.objects")).containsExactlyInAnyOrder(published.get(0).getId(),
				published.get(1).getId(), marker.getId());
		assertThat(calls).containsEntry("alone/a", 1).containsEntry("alone/flaky", 2).containsEntry("alone/marker", 1);
		assertThat(inTransaction).isNotEmpty().containsOnly(false);
		assertCode(() -> this.subscriber.subscribe(
				Subscription.of("bad.alone", "storage.object.*").withoutTransaction().withBatchSize(5), (event) -> {
				}), "events.invalid_subscription");
	}

	@Test
	void refusesBadInputClearlyAndLosesNothing() {
		subscribe("bad.objects", "storage.object.*", null, new ArrayList<>());
		CloudEvent kept = inTransaction(() -> {
			CloudEvent event = this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "small", null));
			assertThatThrownBy(() -> this.publisher
				.publish(NewEvent.of("storage.object.created", PROJECT, "big", Map.of("blob", "x".repeat(5000)))))
				.isInstanceOfSatisfying(ApiException.class, (ex) -> {
					assertThat(ex.getCode()).isEqualTo("events.too_large");
					assertThat(ex.getStatus().value()).isEqualTo(413);
				});
			return event;
		});
		awaitEffects("bad.objects", 1);
		assertThat(effects("bad.objects")).containsExactly(kept.getId());
		assertThat(this.jdbc.sql("select count(*) from svc.event_outbox where payload like '%\"big\"%'")
			.query(Long.class)
			.single()).isZero();

		assertCode(
				() -> inTransaction(() -> this.publisher.publish(NewEvent.of("Storage.Object", PROJECT, null, null))),
				"events.invalid_type");
		assertCode(
				() -> inTransaction(
						() -> this.publisher.publish(NewEvent.of("storgae.object.created", null, null, null))),
				"events.unknown_type");
		assertThatThrownBy(() -> this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "x", null)))
			.isInstanceOf(IllegalTransactionStateException.class);

		assertCode(() -> this.subscriber.subscribe(Subscription.of("bad.typo", "storgae.object.*"), (event) -> {
		}), "events.unknown_type_pattern");
		assertCode(() -> this.subscriber.subscribe(Subscription.of("bad.pattern", "storage..created"), (event) -> {
		}), "events.invalid_type_pattern");
		assertCode(() -> this.subscriber.subscribe(Subscription.of("bad.pattern", "storage.Object.*"), (event) -> {
		}), "events.invalid_type_pattern");
		for (String filter : List.of("subject ~ 'x'", "colour = 'red'", "project = 'not-a-uuid'", "subject = 'open",
				"subject = 'a' or source = 'b'", "project ^= '0190'")) {
			assertCode(() -> this.subscriber
				.subscribe(Subscription.of("bad.filter", "storage.object.*").withFilter(filter), (event) -> {
				}), "events.invalid_filter");
		}
		assertCode(() -> this.subscriber.subscribe(Subscription.of("Bad Name", "storage.object.*"), (event) -> {
		}), "events.invalid_subscription");
		assertThat(transportKnows("bad.typo")).isFalse();
		assertThat(transportKnows("bad.pattern")).isFalse();
		assertThat(transportKnows("bad.filter")).isFalse();
		assertThat(transportKnows("bad.objects")).isTrue();
	}

	@Test
	void twoInstancesShareTheWorkWithoutApplyingAnyEventTwice() {
		try (ConfigurableApplicationContext second = startSecondInstance()) {
			EventSubscriber otherSubscriber = second.getBean(EventSubscriber.class);
			subscribeAs(this.subscriber, "shared.objects", "a");
			subscribeAs(otherSubscriber, "shared.objects", "b");
			List<String> ids = new ArrayList<>();
			for (int batch = 0; batch < 40; batch++) {
				ids.addAll(inTransaction(() -> {
					List<String> published = new ArrayList<>();
					for (int i = 0; i < 10; i++) {
						published.add(this.publisher
							.publish(NewEvent.of("storage.object.created", PROJECT, "shared/" + i, null))
							.getId());
					}
					return published;
				}));
			}
			awaitEffects("shared.objects", ids.size());

			assertThat(effects("shared.objects")).hasSize(ids.size()).containsExactlyInAnyOrderElementsOf(ids);
			Map<String, Long> perInstance = new java.util.HashMap<>();
			this.jdbc.sql("select instance, count(*) from svc.effects where subscription = 'shared.objects' group by 1")
				.query((rs, row) -> perInstance.put(rs.getString(1), rs.getLong(2)))
				.list();
			assertThat(perInstance).as("both instances handled events").containsKeys("a", "b");
		}
	}

	@Test
	void killedProcessLosesNothingAndAppliesEveryCommittedEventOnce() throws Exception {
		// Only the child relays, so what its killed relay left behind must be relayed by
		// the restarted one.
		this.relay.stop();
		try {
			killAndRestartChild();
		}
		finally {
			this.relay.start();
		}
	}

	private void killAndRestartChild() throws Exception {
		Process producer = startChild("produce", "first");
		try {
			await(() -> alive(producer) && effectCount(EventsChildProcess.SUBSCRIPTION) >= 400, Duration.ofSeconds(90));
		}
		finally {
			// SIGKILL: no shutdown hook, no graceful stop of relay or consumers.
			producer.destroyForcibly();
			producer.waitFor(30, TimeUnit.SECONDS);
		}
		long committed = this.jdbc
			.sql("select count(*) from svc.event_outbox where payload like '%\"subject\":\"kill/%'")
			.query(Long.class)
			.single();
		long handledBeforeRestart = effectCount(EventsChildProcess.SUBSCRIPTION);
		assertThat(committed).as("killed mid-stream").isGreaterThan(handledBeforeRestart);

		Process consumer = startChild("consume", "second");
		try {
			await(() -> alive(consumer) && distinctEffectCount(EventsChildProcess.SUBSCRIPTION) >= committed,
					Duration.ofSeconds(120));
		}
		finally {
			consumer.destroy();
			if (!consumer.waitFor(30, TimeUnit.SECONDS)) {
				consumer.destroyForcibly();
			}
		}
		assertThat(effectCount(EventsChildProcess.SUBSCRIPTION)).as("every committed event applied once")
			.isEqualTo(committed);
		assertThat(distinctEffectCount(EventsChildProcess.SUBSCRIPTION)).isEqualTo(committed);
		assertThat(this.jdbc
			.sql("select count(*) from svc.effects e where subscription = ? and not exists "
					+ "(select 1 from svc.event_outbox o where o.id = e.event_id)")
			.param(EventsChildProcess.SUBSCRIPTION)
			.query(Long.class)
			.single()).as("only committed events applied").isZero();
	}

	@Test
	void prunesDeliveredEventsAndProcessedIdsAfterRetention() {
		subscribe("retention.objects", "storage.object.*", null, new ArrayList<>());
		CloudEvent old = inTransaction(
				() -> this.publisher.publish(NewEvent.of("storage.object.created", PROJECT, "old", null)));
		awaitEffects("retention.objects", 1);
		await(() -> sentAt(old.getId()) != null, Duration.ofSeconds(10));
		this.jdbc.sql("update svc.event_outbox set sent_at = now() - interval '8 days' where id = ?::uuid")
			.param(old.getId())
			.update();
		this.jdbc
			.sql("update svc.event_processed set processed_at = now() - interval '8 days' where event_id = ?::uuid")
			.param(old.getId())
			.update();
		agePrunableTransportRecords(old.getId());

		assertThat(this.retention.prune()).isGreaterThanOrEqualTo(2);
		assertThat(outboxHas(old.getId())).isFalse();
		assertThat(this.jdbc.sql("select count(*) from svc.event_processed where event_id = ?::uuid")
			.param(old.getId())
			.query(Long.class)
			.single()).isZero();
	}

	@Autowired
	EventRetention retention;

	@Autowired
	OutboxRelay relay;

	/**
	 * Hands the event to the subscription again, {@code copies} times at once, as a crash
	 * between handling and acknowledging would.
	 */
	abstract void deliverAgain(String subscription, String payload, int copies);

	/** Makes the transport's own records of the event look older than the retention. */
	abstract void agePrunableTransportRecords(String eventId);

	ConfigurableApplicationContext startSecondInstance() {
		List<String> args = new ArrayList<>();
		args.add("--spring.datasource.url=" + this.environment.getProperty("spring.datasource.url"));
		args.add("--spring.datasource.username=" + this.environment.getProperty("spring.datasource.username"));
		args.add("--spring.datasource.password=" + this.environment.getProperty("spring.datasource.password", ""));
		eventProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
		transportProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
		args.add("--server.port=0");
		return new SpringApplicationBuilder(EventsTestApplication.class).web(WebApplicationType.SERVLET)
			.run(args.toArray(String[]::new));
	}

	Process startChild(String mode, String name) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(EventsChildProcess.class.getName());
		command.add(mode);
		command.add("--server.port=0");
		command.add("--spring.datasource.url=" + this.environment.getProperty("spring.datasource.url"));
		command.add("--spring.datasource.username=" + this.environment.getProperty("spring.datasource.username"));
		command.add("--spring.datasource.password=" + this.environment.getProperty("spring.datasource.password", ""));
		eventProperties().forEach((property, value) -> command.add("--" + property + "=" + value));
		transportProperties().forEach((property, value) -> command.add("--" + property + "=" + value));
		File log = new File("target/" + getClass().getSimpleName() + "-" + name + ".log");
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	static boolean alive(Process process) {
		if (!process.isAlive()) {
			fail("The child process ended early (exit " + process.exitValue() + "); see target/*.log");
		}
		return true;
	}

	void subscribe(String name, String pattern, String filter, List<CloudEvent> received) {
		JdbcClient jdbc = this.jdbc;
		Subscription subscription = new Subscription(name, pattern, filter);
		this.subscribed.add(this.subscriber.subscribe(subscription, (event) -> {
			received.add(event);
			jdbc.sql("insert into svc.effects (subscription, event_id, instance) values (?, ?::uuid, 'test')")
				.params(name, event.getId())
				.update();
		}));
	}

	void subscribeAs(EventSubscriber subscriber, String name, String instance) {
		JdbcClient jdbc = this.jdbc;
		this.subscribed.add(subscriber.subscribe(Subscription.of(name, "storage.object.*"), (event) -> {
			jdbc.sql("insert into svc.effects (subscription, event_id, instance) values (?, ?::uuid, ?)")
				.params(name, event.getId(), instance)
				.update();
			Thread.sleep(2);
		}));
	}

	<T> T inTransaction(java.util.function.Supplier<T> work) {
		return new TransactionTemplate(this.transactionManager).execute((status) -> work.get());
	}

	List<String> effects(String subscription) {
		return this.jdbc.sql("select event_id::text from svc.effects where subscription = ? order by handled_at")
			.param(subscription)
			.query(String.class)
			.list();
	}

	long effectCount(String subscription) {
		return this.jdbc.sql("select count(*) from svc.effects where subscription = ?")
			.param(subscription)
			.query(Long.class)
			.single();
	}

	long distinctEffectCount(String subscription) {
		return this.jdbc.sql("select count(distinct event_id) from svc.effects where subscription = ?")
			.param(subscription)
			.query(Long.class)
			.single();
	}

	void awaitEffects(String subscription, int count) {
		await(() -> effectCount(subscription) >= count, Duration.ofSeconds(30));
	}

	boolean outboxHas(String eventId) {
		return this.jdbc.sql("select count(*) from svc.event_outbox where id = ?::uuid")
			.param(eventId)
			.query(Long.class)
			.single() > 0;
	}

	Instant sentAt(String eventId) {
		return this.jdbc.sql("select sent_at from svc.event_outbox where id = ?::uuid")
			.param(eventId)
			.query((rs, row) -> (rs.getTimestamp(1) != null) ? rs.getTimestamp(1).toInstant() : null)
			.optional()
			.orElse(null);
	}

	double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	static void awaitLatch(CountDownLatch latch) {
		try {
			if (!latch.await(20, TimeUnit.SECONDS)) {
				fail("Latch not released within 20s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			fail("interrupted");
		}
	}

	static void await(BooleanSupplier condition, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				fail("Condition not met within " + timeout);
			}
			try {
				Thread.sleep(25);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				fail("interrupted");
			}
		}
	}

	static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
		assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, (ex) -> {
			assertThat(ex.getCode()).isEqualTo(code);
			assertThat(ex.getStatus().value()).isEqualTo(400);
		});
	}

	ResponseEntity<Map> http(String method, String path, @Nullable String token) {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build()
			.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(path)
			.headers((headers) -> {
				if (token != null) {
					headers.setBearerAuth(token);
				}
			})
			.retrieve()
			.toEntity(Map.class);
	}

	static void assertProblem(ResponseEntity<Map> response, int status, String code) {
		assertThat(response.getStatusCode().value()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(response.getBody()).containsEntry("code", code);
	}

	static String serviceToken(UUID project) {
		return TestJwks.sign(key, Map.of("sub", "key-" + project, "kind", "api_key", "role", "service_role", "project",
				project.toString()), Instant.now().plusSeconds(300));
	}

	static String anonToken() {
		return TestJwks.sign(key,
				Map.of("sub", "key-anon", "kind", "api_key", "role", "anon", "project", PROJECT.toString()),
				Instant.now().plusSeconds(300));
	}

	static String userToken() {
		return TestJwks.sign(key,
				Map.of("sub", "user-1", "kind", "user", "role", "authenticated", "project", PROJECT.toString()),
				Instant.now().plusSeconds(300));
	}

	static String adminToken() {
		return accountToken(true);
	}

	static String accountToken(boolean admin) {
		return TestJwks.sign(key, Map.of("sub", "account-1", "kind", "account", "role", "account", "email",
				"someone@example.com", "admin", admin), Instant.now().plusSeconds(300));
	}

	/** One JWKS server for both transports' test classes, stopped with the JVM. */
	private static TestJwks startJwks() {
		try {
			TestJwks jwks = new TestJwks();
			Runtime.getRuntime().addShutdownHook(new Thread(jwks::close));
			return jwks;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
