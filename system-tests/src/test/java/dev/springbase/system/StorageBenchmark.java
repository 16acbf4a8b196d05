package dev.springbase.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Storage throughput through the gateway next to this machine's own limits, measured in
 * the same run: copying the same bytes on the same disk ({@code dd}, {@code cp}) and a
 * plain loopback transfer. Large transfers and small-object requests go both through the
 * gateway and straight to the storage service, each with the CPU time the gateway, the
 * storage service and this JVM (the client) spent on it, so that the report shows where
 * the bytes cost. Also the heap of the storage service and the gateway during 1 GiB
 * transfers. Prints a report; asserts only that every transfer succeeded. Run it as
 * docs/benchmarks/storage.md says.
 */
@Tag("benchmark")
class StorageBenchmark {

	private static final long GIB = 1024L * 1024 * 1024;

	private static final int MIB = 1024 * 1024;

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	private static final Duration SMALL_DURATION = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));

	private static final Duration SMALL_WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 20));

	private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);

	private static final long LARGE_WARMUP = Integer.getInteger("bench.large-warmup-mib", 512) * (long) MIB;

	/**
	 * HTTP/1.1, as the gateway speaks to the services: the JDK client would otherwise
	 * offer an h2c upgrade on every new connection, which no server here takes.
	 */
	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final List<String> report = new ArrayList<>();

	private String key;

	@Test
	void measure() throws Exception {
		Api api = Api.gateway();
		String admin = api.adminToken();
		String project = api.createProject(admin, "Benchmark " + System.nanoTime(), List.of());
		this.key = api.createKey(admin, project, "secret").string("key");
		api.post("/storage/v1/bucket").apikey(this.key).json(Map.of("name", "bench")).send().expectStatus(201);

		line("machine: %d cores, %d GiB RAM; %s; load average %s", Runtime.getRuntime().availableProcessors(),
				totalMemoryGib(), java.time.Instant.now(), loadAverage());
		warmUpLarge();
		for (int round = 1; round <= ROUNDS; round++) {
			line("round %d (load average %s)", round, loadAverage());
			baselines();
			large(gateway());
			large(direct());
			medium();
		}
		small();
		System.out.println(String.join("\n", this.report));
	}

	private Route gateway() {
		return new Route("through the gateway", SpringbaseStack.get().gatewayUrl(), "apikey", this.key);
	}

	/**
	 * Straight to the storage service with the platform token the gateway would send for
	 * the key (minted afresh each time: it lives 5 minutes).
	 */
	private Route direct() throws Exception {
		SpringbaseStack stack = SpringbaseStack.get();
		Api.Response resolved = new Api(stack.url("auth-service")).post("/internal/api-keys/resolve")
			.json(Map.of("key", this.key))
			.send();
		resolved.expectStatus(200);
		return new Route("direct to storage   ", stack.url("storage-service"), "Authorization",
				"Bearer " + resolved.string("token"));
	}

	private void baselines() throws Exception {
		Path dir = Files.createTempDirectory("bench-disk");
		Path file = dir.resolve("one-gib");
		double dd = seconds(() -> run("dd", "if=/dev/zero", "of=" + file, "bs=1M", "count=1024", "conv=fdatasync"));
		double cp = seconds(() -> run("sh", "-c", "cp " + file + " " + file + ".copy && sync " + file + ".copy"));
		Files.delete(file);
		Files.delete(Path.of(file + ".copy"));
		Files.delete(dir);
		double loopback = seconds(StorageBenchmark::loopback);
		line("  disk write (dd, fdatasync) 1 GiB: %s", rate(GIB, dd));
		line("  disk copy (cp + sync)      1 GiB: %s", rate(GIB, cp));
		line("  loopback TCP               1 GiB: %s", rate(GIB, loopback));
	}

	/**
	 * Large transfers both ways on both routes, unmeasured, so that round 1 measures a
	 * compiled request path and not the JIT (from cold, round 1 ran at half the rate of
	 * round 2).
	 */
	private void warmUpLarge() throws Exception {
		double seconds = seconds(() -> {
			for (Route route : List.of(gateway(), direct())) {
				put(route, "/storage/v1/object/bench/warm-up.bin",
						BodyPublishers.ofInputStream(() -> new LargeObjectSystemTests.PatternStream(LARGE_WARMUP)));
				drain(route, "/storage/v1/object/bench/warm-up.bin", LARGE_WARMUP);
			}
		});
		line("warm-up, unmeasured: %d MiB up and down, through the gateway and direct (%.1f s)", LARGE_WARMUP / MIB,
				seconds);
	}

	private void large(Route route) throws Exception {
		HeapWatch heap = HeapWatch.start();
		Cpu before = Cpu.now();
		double up = seconds(() -> put(route, "/storage/v1/object/bench/large.bin",
				BodyPublishers.ofInputStream(() -> new LargeObjectSystemTests.PatternStream(GIB))));
		Cpu uploaded = Cpu.now();
		double down = seconds(() -> drain(route, "/storage/v1/object/bench/large.bin", GIB));
		Cpu downloaded = Cpu.now();
		line("  upload   1 GiB %s: %s; CPU s per GiB: %s", route.name(), rate(GIB, up),
				uploaded.minus(before).per(1, 1e9));
		line("  download 1 GiB %s: %s; CPU s per GiB: %s", route.name(), rate(GIB, down),
				downloaded.minus(uploaded).per(1, 1e9));
		line("  heap max during these transfers: storage %d MiB, gateway %d MiB (of 256 MiB)",
				heap.maxMib("storage-service"), heap.maxMib("gateway"));
		heap.stop();
	}

	private void medium() throws Exception {
		byte[] mib = new byte[MIB];
		new java.util.Random(1).nextBytes(mib);
		int count = 50;
		double up = seconds(() -> {
			for (int i = 0; i < count; i++) {
				put(gateway(), "/storage/v1/object/bench/medium-" + i + ".bin", BodyPublishers.ofByteArray(mib));
			}
		});
		double down = seconds(() -> {
			for (int i = 0; i < count; i++) {
				drain(gateway(), "/storage/v1/object/bench/medium-" + i + ".bin", MIB);
			}
		});
		line("  gateway upload   1 MiB x %d (sequential): %s, %.0f objects/s", count, rate((long) count * MIB, up),
				count / up);
		line("  gateway download 1 MiB x %d (sequential): %s, %.0f objects/s", count, rate((long) count * MIB, down),
				count / down);
	}

	/**
	 * Each load runs once unmeasured first, so that the JIT has compiled the request path
	 * (a 15 s run from cold measured mostly compilation); then gateway and direct runs
	 * alternate.
	 */
	private void small() throws Exception {
		byte[] kib = new byte[1024];
		put(gateway(), "/storage/v1/object/bench/small.bin", BodyPublishers.ofByteArray(kib));
		AtomicLong counter = new AtomicLong();
		line("small objects (1 KiB), %d concurrent clients, %s each after %s unmeasured (load average %s):",
				CONCURRENCY, SMALL_DURATION, SMALL_WARMUP, loadAverage());
		for (Route route : List.of(gateway(), direct())) {
			load(SMALL_WARMUP, () -> get(route, kib.length));
			load(SMALL_WARMUP, () -> putSmall(route, counter, kib));
		}
		for (int round = 1; round <= ROUNDS; round++) {
			for (Route route : List.of(gateway(), direct())) {
				line("  GET %s: %s", route.name(), load(SMALL_DURATION, () -> get(route, kib.length)));
			}
			for (Route route : List.of(gateway(), direct())) {
				line("  PUT %s: %s", route.name(), load(SMALL_DURATION, () -> putSmall(route, counter, kib)));
			}
		}
	}

	private boolean get(Route route, int size) throws Exception {
		HttpResponse<byte[]> response = send(route, "GET", "/storage/v1/object/bench/small.bin",
				BodyPublishers.noBody(), BodyHandlers.ofByteArray());
		return response.statusCode() == 200 && response.body().length == size;
	}

	private boolean putSmall(Route route, AtomicLong counter, byte[] body) throws Exception {
		HttpResponse<byte[]> response = send(route, "PUT",
				"/storage/v1/object/bench/small-" + counter.incrementAndGet() + ".bin",
				BodyPublishers.ofByteArray(body), BodyHandlers.ofByteArray());
		return response.statusCode() == 201;
	}

	/**
	 * Requests per second and CPU per request, failing if any request failed.
	 */
	private String load(Duration duration, Request request) throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong done = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		Cpu before = Cpu.now();
		long start = System.nanoTime();
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < CONCURRENCY; i++) {
				executor.submit(() -> {
					while (running.get()) {
						try {
							if (request.send()) {
								done.incrementAndGet();
							}
							else {
								failed.incrementAndGet();
							}
						}
						catch (Exception ex) {
							failed.incrementAndGet();
						}
					}
				});
			}
			Thread.sleep(duration);
			running.set(false);
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		Cpu used = Cpu.now().minus(before);
		assertThat(failed.get()).as("failed requests").isZero();
		return String.format(Locale.ROOT, "%.0f req/s; CPU µs per request: %s", done.get() / elapsed,
				used.per(done.get(), 1e3));
	}

	private void put(Route route, String path, HttpRequest.BodyPublisher body) throws Exception {
		HttpResponse<String> response = send(route, "PUT", path, body, BodyHandlers.ofString(), "x-upsert", "true");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private void drain(Route route, String path, long expected) throws Exception {
		HttpResponse<InputStream> response = send(route, "GET", path, BodyPublishers.noBody(),
				BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		long total = 0;
		try (InputStream in = response.body()) {
			byte[] buffer = new byte[256 * 1024];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				total += n;
			}
		}
		assertThat(total).isEqualTo(expected);
	}

	private <T> HttpResponse<T> send(Route route, String method, String path, HttpRequest.BodyPublisher body,
			HttpResponse.BodyHandler<T> handler, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(route.baseUrl() + path))
			.timeout(Duration.ofMinutes(10))
			.header(route.credentialHeader(), route.credential())
			.method(method, body);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.build(), handler);
	}

	/** A plain TCP transfer of 1 GiB over loopback, with the buffers the services use. */
	private static void loopback() throws Exception {
		try (ServerSocket server = new ServerSocket(0)) {
			Thread reader = Thread.ofVirtual().start(() -> {
				try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
					byte[] buffer = new byte[64 * 1024];
					while (in.read(buffer) >= 0) {
						// discard
					}
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			});
			try (Socket socket = new Socket("127.0.0.1", server.getLocalPort());
					OutputStream out = socket.getOutputStream()) {
				byte[] buffer = new byte[64 * 1024];
				for (long sent = 0; sent < GIB; sent += buffer.length) {
					out.write(buffer);
				}
			}
			reader.join();
		}
	}

	private static void run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getInputStream().transferTo(OutputStream.nullOutputStream());
		assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
	}

	private static double seconds(Step step) throws Exception {
		long start = System.nanoTime();
		step.run();
		return (System.nanoTime() - start) / 1e9;
	}

	private static String rate(long bytes, double seconds) {
		return String.format(Locale.ROOT, "%.1f s, %.0f MiB/s", seconds, bytes / (double) MIB / seconds);
	}

	private static String loadAverage() throws IOException {
		String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

	private static long totalMemoryGib() throws IOException {
		Matcher matcher = Pattern.compile("MemTotal:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc/meminfo")));
		return matcher.find() ? Long.parseLong(matcher.group(1)) / 1024 / 1024 : 0;
	}

	private void line(String format, Object... args) {
		String text = String.format(Locale.ROOT, format, args);
		this.report.add(text);
		System.out.println(text);
	}

	/** Where requests go, with the credential that route wants. */
	record Route(String name, String baseUrl, String credentialHeader, String credential) {

	}

	/**
	 * CPU time the gateway, the storage service and this JVM (the client) have used, in
	 * nanoseconds; Linux counts it in 10 ms ticks, so measure long enough.
	 */
	record Cpu(long gateway, long storage, long client) {

		static Cpu now() {
			SpringbaseStack stack = SpringbaseStack.get();
			return new Cpu(cpuOf(stack.process("gateway")), cpuOf(stack.process("storage-service")),
					cpuOf(ProcessHandle.current()));
		}

		Cpu minus(Cpu start) {
			return new Cpu(this.gateway - start.gateway, this.storage - start.storage, this.client - start.client);
		}

		/**
		 * Per unit of work, in the given unit (1e9 for seconds, 1e3 for microseconds).
		 */
		String per(long units, double nanosPerUnit) {
			double divisor = Math.max(units, 1) * nanosPerUnit;
			String format = (nanosPerUnit >= 1e9) ? "gateway %.2f, storage %.2f, client %.2f"
					: "gateway %.0f, storage %.0f, client %.0f";
			return String.format(Locale.ROOT, format, this.gateway / divisor, this.storage / divisor,
					this.client / divisor);
		}

		private static long cpuOf(ProcessHandle process) {
			return process.info().totalCpuDuration().orElseThrow().toNanos();
		}

	}

	@FunctionalInterface
	interface Step {

		void run() throws Exception;

	}

	@FunctionalInterface
	interface Request {

		boolean send() throws Exception;

	}

	/**
	 * Samples the heap used by services from their Prometheus endpoints while a transfer
	 * runs.
	 */
	static final class HeapWatch {

		private static final Pattern HEAP = Pattern
			.compile("jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.E+]+)");

		private final Map<String, AtomicLong> max = Map.of("storage-service", new AtomicLong(), "gateway",
				new AtomicLong());

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final HttpClient http = HttpClient.newHttpClient();

		static HeapWatch start() {
			HeapWatch watch = new HeapWatch();
			Thread.ofVirtual().start(watch::sample);
			return watch;
		}

		private void sample() {
			while (this.running.get()) {
				this.max.forEach((service, value) -> value.accumulateAndGet(heapOf(service), Math::max));
				SpringbaseStack.sleep(Duration.ofMillis(200));
			}
		}

		private long heapOf(String service) {
			try {
				String metrics = this.http
					.send(HttpRequest
						.newBuilder(URI.create(SpringbaseStack.get().url(service) + "/actuator/prometheus"))
						.build(), BodyHandlers.ofString())
					.body();
				Matcher matcher = HEAP.matcher(metrics);
				double used = 0;
				while (matcher.find()) {
					used += Double.parseDouble(matcher.group(1));
				}
				return (long) used;
			}
			catch (IOException | InterruptedException ex) {
				return 0;
			}
		}

		long maxMib(String service) {
			return this.max.get(service).get() / MIB;
		}

		void stop() {
			this.running.set(false);
		}

	}

}
