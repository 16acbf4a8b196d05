package dev.springbase.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

import dev.springbase.testsupport.PostgresServer;
import dev.springbase.testsupport.providers.ProviderStandIns;

/**
 * The whole platform as it runs in production: each service's executable jar in its own
 * JVM, on free ports, against one fresh database, with the gateway in front. Started once
 * per test JVM and shared by the system test classes, which keep apart by using their own
 * projects. A class that needs settings the shared stack must not have (an SMTP server
 * instead of the local mailbox, production throttling) starts a stack of its own with
 * {@link #startOwn} and stops it when it is done.
 */
final class SpringbaseStack {

	static final String ADMIN_EMAIL = "admin@system.test";

	static final String ADMIN_PASSWORD = "system-test-password-1";

	private static final List<String> SERVICES = List.of("auth-service", "storage-service", "functions-service",
			"notifications-service", "gateway");

	private static final Map<String, String> PORT_VARIABLES = Map.of("auth-service", "AUTH_PORT", "storage-service",
			"STORAGE_PORT", "functions-service", "FUNCTIONS_PORT", "notifications-service", "NOTIFICATIONS_PORT",
			"gateway", "GATEWAY_PORT");

	/**
	 * How long each service may take to become healthy; raise it on a crowded machine.
	 */
	private static final Duration START_TIMEOUT = Duration
		.ofSeconds(Long.getLong("springbase.stack.start-timeout-seconds", 180));

	/**
	 * Starts tried before giving up when a port picked as free was taken before its
	 * service bound it.
	 */
	private static final int PORT_ATTEMPTS = 3;

	/** The shared stack's name; its logs are named after the services alone. */
	private static final String SHARED = "system";

	private static SpringbaseStack started;

	private static RuntimeException startFailure;

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	private final Map<String, Process> processes = new LinkedHashMap<>();

	private final String name;

	private final List<String> services;

	private final Map<String, String> environment;

	private PostgresServer.@Nullable Database database;

	private @Nullable Path dataDir;

	private SpringbaseStack(String name, List<String> services, Map<String, String> environment) {
		this.name = name;
		this.services = services;
		this.environment = environment;
	}

	static synchronized SpringbaseStack get() {
		if (startFailure != null) {
			// One failed start is enough: every further class would wait as long again.
			throw new IllegalStateException("The stack did not start", startFailure);
		}
		if (started == null) {
			try {
				started = start(SHARED, SERVICES, Map.of());
			}
			catch (RuntimeException ex) {
				startFailure = ex;
				throw ex;
			}
		}
		return started;
	}

	/**
	 * A stack of its own, on its own database, with only the given services (the gateway
	 * always) and more environment on top of the shared stack's; the caller stops it. The
	 * name tells its logs and database apart.
	 */
	static SpringbaseStack startOwn(String name, Map<String, String> environment, String... services) {
		List<String> chosen = SERVICES.stream()
			.filter((service) -> service.equals("gateway") || List.of(services).contains(service))
			.toList();
		return start(name, chosen, environment);
	}

	private static SpringbaseStack start(String name, List<String> services, Map<String, String> environment) {
		SpringbaseStack stack = new SpringbaseStack(name, services, environment);
		Runtime.getRuntime().addShutdownHook(new Thread(stack::stop));
		try {
			stack.start();
		}
		catch (RuntimeException ex) {
			stack.stop();
			throw ex;
		}
		return stack;
	}

	String gatewayUrl() {
		return url("gateway");
	}

	/** A new connection to the stack's database, as its services see it. */
	Connection connectToDatabase() throws SQLException {
		PostgresServer.Database database = Objects.requireNonNull(this.database);
		return DriverManager.getConnection(database.url(), database.username(), database.password());
	}

	String url(String service) {
		return "http://127.0.0.1:" + this.ports.get(service);
	}

	/** The service's process, for benchmarks that read its CPU time. */
	ProcessHandle process(String service) {
		return this.processes.get(service).toHandle();
	}

	private void start() {
		try {
			PostgresServer.Database database = PostgresServer.get().createDatabase(this.name);
			this.database = database;
			Path logs = Path.of(System.getProperty("springbase.logs", "target/stack-logs"));
			Files.createDirectories(logs);
			Path dataDir = Files.createTempDirectory("springbase-system-");
			this.dataDir = dataDir;
			for (int attempt = 1;; attempt++) {
				try {
					launchAll(database, logs, dataDir);
					return;
				}
				catch (PortTaken ex) {
					// Another process took the port between its pick and the bind: every
					// service knows every port, so the whole stack starts again on new
					// ones.
					if (attempt == PORT_ATTEMPTS) {
						throw ex;
					}
					stopServices();
					this.processes.clear();
					this.ports.clear();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void launchAll(PostgresServer.Database database, Path logs, Path dataDir) throws IOException {
		for (String service : SERVICES) {
			this.ports.put(service, freePort());
		}
		Map<String, String> env = new HashMap<>();
		env.put("SPRINGBASE_DB_URL", database.url());
		env.put("SPRINGBASE_DB_USER", database.username());
		env.put("SPRINGBASE_DB_PASSWORD", database.password());
		env.put("SPRINGBASE_DATA_DIR", dataDir.toString());
		env.put("SPRINGBASE_ADMIN_EMAIL", ADMIN_EMAIL);
		env.put("SPRINGBASE_ADMIN_PASSWORD", ADMIN_PASSWORD);
		env.put("SPRINGBASE_ISSUER", gatewayUrl() + "/auth/v1");
		env.put("SPRINGBASE_JWKS_URI", url("auth-service") + "/auth/v1/.well-known/jwks.json");
		env.put("SPRINGBASE_AUTH_URL", url("auth-service"));
		env.put("SPRINGBASE_STORAGE_URL", url("storage-service"));
		env.put("SPRINGBASE_FUNCTIONS_URL", url("functions-service"));
		env.put("SPRINGBASE_NOTIFICATIONS_URL", url("notifications-service"));
		this.ports.forEach((service, port) -> env.put(PORT_VARIABLES.get(service), String.valueOf(port)));
		env.putAll(SystemTestSettings.ENVIRONMENT);
		ProviderStandIns.presetSettings().forEach((name, value) -> env.put(environmentVariable(name), value));
		env.putAll(SystemTestSettings.overrides());
		env.putAll(this.environment);
		for (String service : this.services) {
			this.processes.put(service, launch(service, env, logs.resolve(logName(service))));
		}
		for (String service : this.services) {
			awaitHealthy(service, logs.resolve(logName(service)));
		}
		// A service that lost its port can look healthy for a moment while the process
		// that took the port answers in its place.
		for (String service : this.services) {
			requireAlive(service, logs.resolve(logName(service)));
		}
	}

	private String logName(String service) {
		return SHARED.equals(this.name) ? service + ".log" : this.name + "-" + service + ".log";
	}

	private static Process launch(String service, Map<String, String> env, Path log) throws IOException {
		Path jar = Path.of(System.getProperty("springbase.root", ".."), service, "target",
				service + "-" + System.getProperty("springbase.version") + "-exec.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("Missing " + jar + "; run the tests with ./mvnw verify from the root.");
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// Quick to start for tests; benchmarks pass the JVM options of a real run
		// instead.
		command.addAll(List.of(System.getProperty("springbase.stack.jvm-options", "-Xmx256m -XX:TieredStopAtLevel=1")
			.trim()
			.split("\\s+")));
		command.addAll(List.of("-jar", jar.toString()));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(env);
		builder.redirectErrorStream(true);
		builder.redirectOutput(log.toFile());
		return builder.start();
	}

	private void awaitHealthy(String service, Path log) {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url(service) + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			requireAlive(service, log);
			try {
				if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep(Duration.ofMillis(250));
		}
		throw new IllegalStateException(service + " did not become healthy in time; see " + log);
	}

	/**
	 * Stops the services and removes their database and data directory: for a stack of
	 * its own once its class is done with it, for every stack when the test JVM exits.
	 */
	synchronized void stop() {
		stopServices();
		PostgresServer.Database database = this.database;
		if (database != null) {
			this.database = null;
			database.drop();
		}
		Path dataDir = this.dataDir;
		if (dataDir != null) {
			this.dataDir = null;
			try {
				FileSystemUtils.deleteRecursively(dataDir);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private void stopServices() {
		this.processes.values().forEach(Process::destroy);
		for (Process process : this.processes.values()) {
			try {
				if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** The environment variable Spring Boot binds to a property. */
	private static String environmentVariable(String property) {
		return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
	}

	private void requireAlive(String service, Path log) {
		Process process = this.processes.get(service);
		if (!process.isAlive()) {
			String message = service + " exited with " + process.exitValue() + "; see " + log;
			throw portTaken(log) ? new PortTaken(message) : new IllegalStateException(message);
		}
	}

	/** Spring Boot's report when the web server's port is taken. */
	private static boolean portTaken(Path log) {
		try {
			return Files.readString(log).contains("was already in use");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static final class PortTaken extends IllegalStateException {

		PortTaken(String message) {
			super(message);
		}

	}

}
