package dev.springbase.platform.events;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventDeserializationException;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events over PostgreSQL alone. The relay appends each batch to {@code eventbus.events}
 * and adds one delivery row per matching subscription, in its own transaction, so the
 * move from outbox to transport is atomic; then it sends one NOTIFY for the whole batch,
 * never one per event, since NOTIFY serialises committing transactions. Consumers wake on
 * that notification (LISTEN on a dedicated connection) or by polling, claim due
 * deliveries with {@code FOR UPDATE SKIP LOCKED}, and delete each one in the transaction
 * that handles it. A consumer killed mid-batch loses its connection, its transaction
 * rolls back and the rows are claimed again.
 */
class PostgresTransport implements EventTransport, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(PostgresTransport.class);

	private static final int MAX_NOTIFY_PAYLOAD = 7000;

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final CloudEventJson format;

	private final IdempotentHandling handling;

	private final EventMetrics metrics;

	private final EventsProperties properties;

	private final Backoff backoff;

	private final ListenConnections listenConnections;

	private final JdbcDeadLetters deadLetters;

	private final Map<String, List<Worker>> workers = new ConcurrentHashMap<>();

	private final Map<String, Matcher> matchers = new ConcurrentHashMap<>();

	private volatile boolean running = true;

	private @Nullable Thread listener;

	PostgresTransport(JdbcClient jdbc, TransactionTemplate transactions, CloudEventJson format,
			IdempotentHandling handling, EventMetrics metrics, EventsProperties properties,
			ListenConnections listenConnections, JsonMapper json) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.format = format;
		this.handling = handling;
		this.metrics = metrics;
		this.properties = properties;
		this.backoff = Backoff.of(properties.consumer());
		this.listenConnections = listenConnections;
		this.deadLetters = new JdbcDeadLetters(jdbc, transactions, EventsSchema.EVENTBUS + ".dead_letters", json,
				this::redeliver);
	}

	@Override
	public void send(List<OutboxEvent> batch) {
		List<Matcher> subscriptions = this.jdbc
			.sql("select name, type_pattern, filter from " + EventsSchema.EVENTBUS + ".subscriptions")
			.query((rs, row) -> matcher(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
		String[] ids = new String[batch.size()];
		String[] types = new String[batch.size()];
		String[] payloads = new String[batch.size()];
		List<String> deliveryEvents = new ArrayList<>();
		List<String> deliverySubscriptions = new ArrayList<>();
		Set<String> notified = new LinkedHashSet<>();
		for (int i = 0; i < batch.size(); i++) {
			OutboxEvent event = batch.get(i);
			ids[i] = event.id().toString();
			types[i] = event.type();
			payloads[i] = event.payload();
			CloudEvent parsed = null;
			for (Matcher subscription : subscriptions) {
				if (!subscription.pattern().matches(event.type())) {
					continue;
				}
				if (!subscription.filter().acceptsAll()) {
					parsed = (parsed != null) ? parsed
							: this.format.deserialize(event.payload().getBytes(StandardCharsets.UTF_8));
					if (!subscription.filter().matches(parsed)) {
						continue;
					}
				}
				deliveryEvents.add(ids[i]);
				deliverySubscriptions.add(subscription.name());
				notified.add(subscription.name());
			}
		}
		this.jdbc.sql("""
				with appended as (
				    insert into eventbus.events (id, type, payload)
				    select e.id::uuid, e.type, e.payload
				    from unnest(?::text[], ?::text[], ?::text[]) with ordinality as e(id, type, payload, n)
				    order by e.n
				    returning position, id)
				insert into eventbus.deliveries (subscription, event_position)
				select d.subscription, a.position
				from unnest(?::text[], ?::text[]) as d(event_id, subscription)
				join appended a on a.id = d.event_id::uuid""")
			.params(ids, types, payloads, deliveryEvents.toArray(String[]::new),
					deliverySubscriptions.toArray(String[]::new))
			.update();
		if (!notified.isEmpty() && this.properties.postgres().listenNotify()) {
			notifyConsumers(notified);
		}
	}

	private void notifyConsumers(Set<String> subscriptions) {
		String names = String.join(",", subscriptions);
		this.jdbc.sql("select pg_notify(?, ?)")
			.params(this.properties.postgres().channel(), (names.length() > MAX_NOTIFY_PAYLOAD) ? "" : names)
			.query((rs, row) -> true)
			.list();
	}

	@Override
	public Subscribed subscribe(Subscription subscription, TypePattern pattern, EventFilter filter,
			EventHandler handler) {
		this.jdbc.sql("""
				insert into eventbus.subscriptions (name, type_pattern, filter) values (?, ?, ?)
				on conflict (name) do update set type_pattern = excluded.type_pattern, filter = excluded.filter,
				updated_at = now()
				where subscriptions.type_pattern is distinct from excluded.type_pattern
				   or subscriptions.filter is distinct from excluded.filter""")
			.params(subscription.name(), subscription.typePattern(), subscription.filter())
			.update();
		startListenerOnce();
		List<Worker> started = new ArrayList<>();
		int batchSize = subscription.batchSize(this.properties.consumer());
		for (int i = 0; i < subscription.concurrency(this.properties.consumer()); i++) {
			Worker worker = new Worker(subscription.name(), handler, batchSize, subscription.outsideTransaction());
			started.add(worker);
			this.workers.computeIfAbsent(subscription.name(), (name) -> new CopyOnWriteArrayList<>()).add(worker);
			worker.start();
		}
		return () -> {
			this.workers.getOrDefault(subscription.name(), List.of()).removeAll(started);
			stop(started);
		};
	}

	/**
	 * Signals every worker first and then waits for them together, so stopping many takes
	 * as long as the slowest, not the sum.
	 */
	private static void stop(List<Worker> workers) {
		workers.forEach(Worker::signalStop);
		Instant deadline = Instant.now().plus(STOP_TIMEOUT);
		workers.forEach((worker) -> worker.awaitStop(deadline));
	}

	@Override
	public void unsubscribe(String name) {
		List<Worker> running = this.workers.remove(name);
		if (running != null) {
			stop(running);
		}
		// A relay batch that read the subscription just before may still add deliveries
		// for it; retention removes those orphans.
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("delete from eventbus.subscriptions where name = ?").param(name).update();
			this.jdbc.sql("delete from eventbus.deliveries where subscription = ?").param(name).update();
			this.deadLetters.deleteAll(name);
		});
	}

	@Override
	public DeadLetters deadLetters() {
		return this.deadLetters;
	}

	@Override
	public void destroy() {
		this.running = false;
		stop(this.workers.values().stream().flatMap(List::stream).toList());
		Thread thread = this.listener;
		if (thread != null) {
			try {
				thread.join(Duration.ofSeconds(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** A replayed event goes back into the log as a new delivery with no attempts. */
	private void redeliver(DeadLetter deadLetter, String payload) {
		this.jdbc.sql("""
				with appended as (
				    insert into eventbus.events (id, type, payload) values (?, ?, ?) returning position)
				insert into eventbus.deliveries (subscription, event_position) select ?, position from appended""")
			.params(deadLetter.eventId(), deadLetter.type(), payload, deadLetter.subscription())
			.update();
		if (this.properties.postgres().listenNotify()) {
			notifyConsumers(Set.of(deadLetter.subscription()));
		}
	}

	private Matcher matcher(String name, String pattern, @Nullable String filter) {
		String key = name + '\n' + pattern + '\n' + filter;
		return this.matchers.computeIfAbsent(key,
				(ignored) -> new Matcher(name, TypePattern.parse(pattern, this.properties.domains()),
						EventFilter.parse((filter != null) ? filter : "")));
	}

	private synchronized void startListenerOnce() {
		if (this.listener == null && this.properties.postgres().listenNotify()) {
			this.listener = Thread.ofVirtual().name("events-listen").start(this::listen);
		}
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = this.listenConnections.open()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + this.properties.postgres().channel());
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				// Whatever was notified while no one listened is found by looking now.
				this.workers.values().forEach((list) -> list.forEach(Worker::wake));
				while (this.running) {
					PGNotification[] notifications = pg.getNotifications(500);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							wake(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException ex) {
				if (this.running) {
					log.warn("Listening for event notifications failed, polling until reconnected: {}",
							ex.getMessage());
					sleep(this.properties.consumer().pollInterval());
				}
			}
		}
	}

	private void wake(String subscriptions) {
		if (subscriptions.isEmpty()) {
			this.workers.values().forEach((list) -> list.forEach(Worker::wake));
			return;
		}
		for (String name : subscriptions.split(",")) {
			this.workers.getOrDefault(name, List.of()).forEach(Worker::wake);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Matcher(String name, TypePattern pattern, EventFilter filter) {

	}

	private record Claimed(long position, int attempts, String payload) {

	}

	private record BatchResult(int claimed, @Nullable Instant nextRetry) {

	}

	/** Consumes one subscription: claim a batch, handle it, repeat or wait. */
	private final class Worker {

		private final String subscription;

		private final EventHandler handler;

		private final int batchSize;

		private final boolean alone;

		private final Wakeup wakeup = new Wakeup();

		private volatile boolean active = true;

		private @Nullable Thread thread;

		Worker(String subscription, EventHandler handler, int batchSize, boolean alone) {
			this.subscription = subscription;
			this.handler = handler;
			this.batchSize = batchSize;
			this.alone = alone;
		}

		void start() {
			this.thread = Thread.ofVirtual().name("events-" + this.subscription).start(this::run);
		}

		void wake() {
			this.wakeup.signal();
		}

		/** Asks the worker to stop once the event in hand, if any, is handled. */
		void signalStop() {
			this.active = false;
			this.wakeup.signal();
		}

		/** Waits until the worker has stopped, or the deadline passes. */
		void awaitStop(Instant deadline) {
			Thread running = this.thread;
			if (running != null) {
				try {
					running.join(Duration.between(Instant.now(), deadline).isNegative() ? Duration.ofMillis(1)
							: Duration.between(Instant.now(), deadline));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

		private void run() {
			Duration poll = PostgresTransport.this.properties.consumer().pollInterval();
			int batchSize = this.batchSize;
			while (this.active && PostgresTransport.this.running) {
				try {
					BatchResult result = handleBatch(batchSize);
					if (result.claimed() == batchSize) {
						continue;
					}
					Duration wait = poll;
					if (result.nextRetry() != null) {
						Duration untilRetry = Duration.between(Instant.now(), result.nextRetry());
						wait = (untilRetry.compareTo(wait) < 0) ? untilRetry : wait;
					}
					this.wakeup.await(wait);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (RuntimeException ex) {
					log.warn("Consuming subscription {} failed, retrying: {}", this.subscription, ex.getMessage());
					sleep(poll);
				}
			}
		}

		private BatchResult handleBatch(int batchSize) {
			if (this.alone) {
				return handleAlone();
			}
			try {
				return handleBatch(batchSize, null);
			}
			catch (IdempotentHandling.OptimisticBatchFailed ex) {
				return handleBatch(batchSize, ex);
			}
		}

		private BatchResult handleBatch(int batchSize,
				IdempotentHandling.@Nullable OptimisticBatchFailed failedBefore) {
			BatchResult result = PostgresTransport.this.transactions.execute((status) -> {
				List<Claimed> claimed = PostgresTransport.this.jdbc.sql("""
						select d.event_position, d.attempts, e.payload
						from eventbus.deliveries d join eventbus.events e on e.position = d.event_position
						where d.subscription = ? and d.next_attempt_at <= now()
						order by d.next_attempt_at, d.event_position
						limit ? for update of d skip locked""")
					.params(this.subscription, batchSize)
					.query((rs, row) -> new Claimed(rs.getLong(1), rs.getInt(2), rs.getString(3)))
					.list();
				List<Long> done = new ArrayList<>();
				List<Claimed> readable = new ArrayList<>();
				List<CloudEvent> events = new ArrayList<>();
				for (Claimed delivery : claimed) {
					try {
						events.add(PostgresTransport.this.format
							.deserialize(delivery.payload().getBytes(StandardCharsets.UTF_8)));
						readable.add(delivery);
					}
					catch (EventDeserializationException ex) {
						log.error("Dropping unreadable event at position {} for {}", delivery.position(),
								this.subscription, ex);
						done.add(delivery.position());
					}
				}
				List<@Nullable Exception> outcomes = PostgresTransport.this.handling.handle(this.subscription,
						this.handler, events, failedBefore);
				Instant nextRetry = null;
				for (int i = 0; i < readable.size(); i++) {
					Exception failure = outcomes.get(i);
					if (failure == null) {
						done.add(readable.get(i).position());
						continue;
					}
					Instant retryAt = failed(readable.get(i), events.get(i), failure);
					if (retryAt != null && (nextRetry == null || retryAt.isBefore(nextRetry))) {
						nextRetry = retryAt;
					}
				}
				if (!done.isEmpty()) {
					PostgresTransport.this.jdbc
						.sql("delete from eventbus.deliveries where subscription = ? and event_position = any(?)")
						.params(this.subscription, done.toArray(Long[]::new))
						.update();
				}
				return new BatchResult(claimed.size(), nextRetry);
			});
			return (result != null) ? result : new BatchResult(0, null);
		}

		/**
		 * Leases one due delivery in a short transaction, runs the handler outside any,
		 * renewing the lease while it runs, then acknowledges or schedules a retry.
		 */
		private BatchResult handleAlone() {
			Duration lease = PostgresTransport.this.properties.consumer().lease();
			Claimed delivery = PostgresTransport.this.transactions
				.execute((status) -> PostgresTransport.this.jdbc.sql("""
						update eventbus.deliveries d set next_attempt_at = now() + ? * interval '1 millisecond'
						from eventbus.events e
						where e.position = d.event_position and d.subscription = ? and d.event_position = (
						    select event_position from eventbus.deliveries
						    where subscription = ? and next_attempt_at <= now()
						    order by next_attempt_at, event_position
						    limit 1 for update skip locked)
						returning d.event_position, d.attempts, e.payload""")
					.params(lease.toMillis(), this.subscription, this.subscription)
					.query((rs, row) -> new Claimed(rs.getLong(1), rs.getInt(2), rs.getString(3)))
					.optional()
					.orElse(null));
			if (delivery == null) {
				return new BatchResult(0, null);
			}
			CloudEvent event;
			try {
				event = PostgresTransport.this.format.deserialize(delivery.payload().getBytes(StandardCharsets.UTF_8));
			}
			catch (EventDeserializationException ex) {
				log.error("Dropping unreadable event at position {} for {}", delivery.position(), this.subscription,
						ex);
				delete(delivery);
				return new BatchResult(1, null);
			}
			CountDownLatch handled = new CountDownLatch(1);
			Thread renewal = Thread.ofVirtual()
				.name("events-lease-" + this.subscription)
				.start(() -> renewLease(delivery, lease, handled));
			Exception failure;
			try {
				failure = PostgresTransport.this.handling.handleAlone(this.subscription, this.handler, event);
			}
			finally {
				// No interrupt: it would close the renewal's connection mid-statement.
				handled.countDown();
				joinQuietly(renewal);
			}
			Instant nextRetry = PostgresTransport.this.transactions.execute((status) -> {
				if (failure != null) {
					return failed(delivery, event, failure);
				}
				PostgresTransport.this.handling.recordProcessed(this.subscription, event);
				delete(delivery);
				return null;
			});
			return new BatchResult(1, nextRetry);
		}

		private void renewLease(Claimed delivery, Duration lease, CountDownLatch handled) {
			long every = Math.max(1, lease.toMillis() / 3);
			while (true) {
				try {
					if (handled.await(every, TimeUnit.MILLISECONDS)) {
						return;
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				try {
					PostgresTransport.this.jdbc.sql("""
							update eventbus.deliveries set next_attempt_at = now() + ? * interval '1 millisecond'
							where subscription = ? and event_position = ?""")
						.params(lease.toMillis(), this.subscription, delivery.position())
						.update();
				}
				catch (RuntimeException ex) {
					log.warn("Could not renew the lease of an event for {}: {}", this.subscription, ex.getMessage());
				}
			}
		}

		private static void joinQuietly(Thread thread) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private void delete(Claimed delivery) {
			PostgresTransport.this.jdbc
				.sql("delete from eventbus.deliveries where subscription = ? and event_position = ?")
				.params(this.subscription, delivery.position())
				.update();
		}

		/** Schedules the next attempt, or dead-letters the event after the last one. */
		private @Nullable Instant failed(Claimed delivery, CloudEvent event, Exception failure) {
			int attempts = delivery.attempts() + 1;
			String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
			log.warn("Handling {} {} for {} failed (attempt {}): {}", event.getType(), event.getId(), this.subscription,
					attempts, error);
			if (attempts >= PostgresTransport.this.properties.consumer().maxAttempts()) {
				PostgresTransport.this.deadLetters.add(this.subscription, event, delivery.payload(), attempts, error);
				PostgresTransport.this.jdbc
					.sql("delete from eventbus.deliveries where subscription = ? and event_position = ?")
					.params(this.subscription, delivery.position())
					.update();
				PostgresTransport.this.metrics.deadLettered(this.subscription);
				return null;
			}
			Duration wait = PostgresTransport.this.backoff.after(attempts);
			PostgresTransport.this.jdbc.sql("""
					update eventbus.deliveries
					set attempts = ?, last_error = ?, next_attempt_at = now() + ? * interval '1 millisecond'
					where subscription = ? and event_position = ?""")
				.params(attempts, error, wait.toMillis(), this.subscription, delivery.position())
				.update();
			PostgresTransport.this.metrics.retried(this.subscription);
			return Instant.now().plus(wait);
		}

	}

}
