package dev.springbase.platform.events;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.testsupport.PostgresServer;

/**
 * The event backbone's benchmark (docs/benchmarks/events.md): sustained throughput and
 * commit-to-handler latency per transport, and producers' commit rate with the relay's
 * coalesced NOTIFY, without NOTIFY and with a NOTIFY in every producing transaction, all
 * in one run, each on a fresh database. Producers are threads that each commit one event
 * per transaction; the subscription's handler only records the time. Latency runs from
 * the producer's commit to the handler; "relay p50" is the median time from outbox insert
 * to the relay's transaction. CPU figures cover the measured window. Rerun with
 * {@code ./mvnw -B -pl platform -am -Pevents-benchmark test -DskipTests}.
 */
public final class EventsBenchmark {

	private static final Duration WARMUP = Duration.ofSeconds(5);

	private static final Duration WINDOW = Duration.ofSeconds(20);

	private EventsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String rabbitPrefix = "sbbench-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> report = new ArrayList<>();
		report.add(
				"| run | transport | relay NOTIFY | producer NOTIFY | producers | consumers | offered ev/s | committed ev/s "
						+ "| handled ev/s | relay p50 ms | p50 ms | p99 ms | max ms | machine CPU busy % | iowait % "
						+ "| benchmark JVM CPU % |");
		report.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
		List<String> subscriptions = new ArrayList<>();
		try {
			// Warms the JIT up on the whole path; its figures are not reported.
			run("warm-up", "postgres", true, false, 2000, 4, 1, rabbitPrefix, subscriptions);
			report.add(run("paced 2,000/s", "postgres", true, false, 2000, 4, 1, rabbitPrefix, subscriptions));
			// Alternating rounds, so that the comparison of NOTIFY settings holds on a
			// machine whose load from others changes.
			for (int round = 1; round <= 2; round++) {
				report.add(
						run("flat out, round " + round, "postgres", true, false, 0, 4, 1, rabbitPrefix, subscriptions));
				report.add(run("flat out, round " + round, "postgres", false, false, 0, 4, 1, rabbitPrefix,
						subscriptions));
				report.add(
						run("flat out, round " + round, "postgres", false, true, 0, 4, 1, rabbitPrefix, subscriptions));
			}
			report.add(run("flat out", "postgres", true, false, 0, 16, 1, rabbitPrefix, subscriptions));
			report.add(run("flat out", "postgres", true, false, 0, 16, 4, rabbitPrefix, subscriptions));
			report.add(run("paced 2,000/s", "rabbitmq", false, false, 2000, 4, 1, rabbitPrefix, subscriptions));
			report.add(run("flat out", "rabbitmq", false, false, 0, 4, 1, rabbitPrefix, subscriptions));
		}
		finally {
			deleteRabbitObjects(rabbitPrefix, subscriptions);
		}
		System.out.println();
		System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
				+ System.getProperty("java.version") + ", " + Instant.now() + ", load average "
				+ ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		report.forEach(System.out::println);
		System.exit(0);
	}

	/**
	 * One measured run in a fresh service instance on a fresh database: producers commit
	 * one event per transaction, paced to {@code rate} events/s or as fast as they can
	 * when 0, for the window after a warm-up; then the run drains.
	 */
	private static String run(String name, String transport, boolean relayNotify, boolean producerNotify, int rate,
			int producers, int consumers, String rabbitPrefix, List<String> subscriptions)
			throws InterruptedException, IOException {
		System.out.println(Instant.now() + " starting " + name + " over " + transport + ", load average "
				+ ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		PostgresServer.Database database = PostgresServer.get().createDatabase("eventsbench");
		String subscription = "bench-" + UUID.randomUUID().toString().substring(0, 6);
		subscriptions.add(subscription);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(EventsTestApplication.class)
			.web(WebApplicationType.SERVLET)
			.run("--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
					"--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.username(),
					"--spring.datasource.password=" + database.password(),
					"--spring.datasource.hikari.maximum-pool-size=" + (producers + 8),
					"--springbase.events.enabled=true", "--springbase.events.schema=bench",
					"--springbase.events.transport=" + transport,
					"--springbase.events.postgres.listen-notify=" + relayNotify,
					"--springbase.events.rabbit.exchange=" + rabbitPrefix,
					"--springbase.events.rabbit.queue-prefix=" + rabbitPrefix,
					"--springbase.events.consumer.concurrency=" + consumers);
		try {
			Map<String, Long> committedAt = new ConcurrentHashMap<>();
			Map<String, Long> handledAt = new ConcurrentHashMap<>();
			Subscribed subscribed = context.getBean(EventSubscriber.class)
				.subscribe(Subscription.of(subscription, "storage.object.*"),
						(event) -> handledAt.put(event.getId(), System.nanoTime()));
			EventPublisher publisher = context.getBean(EventPublisher.class);
			TransactionTemplate transaction = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));

			AtomicBoolean measuring = new AtomicBoolean();
			AtomicBoolean stop = new AtomicBoolean();
			AtomicLong committedInWindow = new AtomicLong();
			List<String> measured = Collections.synchronizedList(new ArrayList<>());
			CountDownLatch done = new CountDownLatch(producers);
			for (int p = 0; p < producers; p++) {
				Thread.ofPlatform().name("producer-" + p).start(() -> {
					long interval = (rate > 0) ? 1_000_000_000L * producers / rate : 0;
					long next = System.nanoTime();
					while (!stop.get()) {
						if (interval > 0) {
							next += interval;
							long wait = next - System.nanoTime();
							if (wait > 0) {
								LockSupport.parkNanos(wait);
							}
						}
						boolean inWindow = measuring.get();
						transaction.executeWithoutResult((status) -> {
							String id = publisher
								.publish(NewEvent.of("storage.object.created", UUID.randomUUID(), "bench/object", null))
								.getId();
							if (producerNotify) {
								jdbc.sql("select pg_notify('springbase_bench', ?)")
									.param(id)
									.query((rs, row) -> 1)
									.list();
							}
							TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
								@Override
								public void afterCommit() {
									committedAt.put(id, System.nanoTime());
								}
							});
							if (inWindow) {
								measured.add(id);
							}
						});
						if (inWindow) {
							committedInWindow.incrementAndGet();
						}
					}
					done.countDown();
				});
			}
			Thread.sleep(WARMUP);
			long handledBefore = handledAt.size();
			long[] machineBefore = machineCpuTicks();
			long jvmCpuBefore = jvmCpuNanos();
			measuring.set(true);
			long start = System.nanoTime();
			Thread.sleep(WINDOW);
			measuring.set(false);
			long[] machineAfter = machineCpuTicks();
			long jvmCpu = jvmCpuNanos() - jvmCpuBefore;
			long handledInWindow = handledAt.size() - handledBefore;
			double seconds = (System.nanoTime() - start) / 1e9;
			stop.set(true);
			done.await();
			Instant drainDeadline = Instant.now().plusSeconds(120);
			while (!handledAt.keySet().containsAll(measured) && Instant.now().isBefore(drainDeadline)) {
				Thread.sleep(50);
			}
			subscribed.close();
			String relayLag = transport.equals("postgres") ? String.format("%.1f", jdbc
				.sql("""
						select percentile_cont(0.5) within group (order by extract(epoch from e.created_at - o.created_at) * 1000)
						from bench.event_outbox o join eventbus.events e on e.id = o.id""")
				.query(Double.class)
				.single()) : "n/a";
			long[] latencies = measured.stream()
				.filter((id) -> handledAt.containsKey(id) && committedAt.containsKey(id))
				.mapToLong((id) -> handledAt.get(id) - committedAt.get(id))
				.sorted()
				.toArray();
			double ticks = machineAfter[0] - machineBefore[0];
			String line = String.format(
					"| %s | %s | %s | %s | %d | %d | %s | %.0f | %.0f | %s | %.1f | %.1f | %.1f | %.0f | %.0f | %.0f |",
					name, transport,
					transport.equals("postgres") ? (relayNotify ? "yes (1 per batch)" : "no (polling)") : "n/a",
					producerNotify ? "yes (1 per commit)" : "no", producers, consumers,
					(rate > 0) ? Integer.toString(rate) : "max", committedInWindow.get() / seconds,
					handledInWindow / seconds, relayLag, percentile(latencies, 0.50), percentile(latencies, 0.99),
					percentile(latencies, 1.0), 100 * (machineAfter[1] - machineBefore[1]) / ticks,
					100 * (machineAfter[2] - machineBefore[2]) / ticks,
					100 * jvmCpu / (seconds * 1e9 * Runtime.getRuntime().availableProcessors()));
			System.out.println(line + " (" + latencies.length + " of " + measured.size() + " measured events handled)");
			return line;
		}
		finally {
			context.close();
			database.drop();
		}
	}

	/**
	 * All, busy and iowait CPU ticks of the machine so far, from {@code /proc/stat}:
	 * shows whether a run is bound by CPU (busy near 100%) or by waiting for fsync
	 * (iowait).
	 */
	private static long[] machineCpuTicks() throws IOException {
		String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
		long total = 0;
		for (int i = 1; i < fields.length; i++) {
			total += Long.parseLong(fields[i]);
		}
		long idle = Long.parseLong(fields[4]);
		long iowait = Long.parseLong(fields[5]);
		return new long[] { total, total - idle - iowait, iowait };
	}

	private static long jvmCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static double percentile(long[] sortedNanos, double quantile) {
		if (sortedNanos.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
		return sortedNanos[Math.max(0, index)] / 1e6;
	}

	private static void deleteRabbitObjects(String prefix, List<String> subscriptions) {
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory("localhost", 5672);
		try {
			RabbitAdmin admin = new RabbitAdmin(connectionFactory);
			for (String subscription : subscriptions) {
				admin.deleteQueue(prefix + "." + subscription);
				for (long delay = 1000; delay <= 300_000; delay *= 2) {
					admin.deleteQueue(prefix + "." + subscription + ".retry." + delay + "ms");
				}
				admin.deleteQueue(prefix + "." + subscription + ".retry.300000ms");
			}
			admin.deleteExchange(prefix);
		}
		finally {
			connectionFactory.destroy();
		}
	}

}
