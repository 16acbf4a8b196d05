package dev.springbase.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server tests run against, resolved once per JVM in this order: the
 * server named by {@code SPRINGBASE_TEST_DB_URL} (with {@code SPRINGBASE_TEST_DB_USER}
 * and {@code SPRINGBASE_TEST_DB_PASSWORD}); the one on localhost:5432 when it answers; a
 * Testcontainers container when Docker answers; an embedded PostgreSQL otherwise.
 *
 * @param adminUrl JDBC URL of a database on the server that may create databases
 * @param username user to connect as
 * @param password its password
 * @param origin how the server was found, for test logs
 */
public record PostgresServer(String adminUrl, String username, String password, String origin) {

	private static @Nullable PostgresServer resolved;

	public static synchronized PostgresServer get() {
		if (resolved == null) {
			resolved = resolve();
		}
		return resolved;
	}

	/** Creates a new, empty database and returns its connection settings. */
	public Database createDatabase(String hint) {
		String prefix = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		String name = "sbtest_" + prefix.substring(0, Math.min(24, prefix.length())) + "_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute("CREATE DATABASE " + name);
		return new Database(name, withDatabase(this.adminUrl, name), this.username, this.password);
	}

	void dropDatabase(String name) {
		execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
	}

	private void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(this.adminUrl, this.username, this.password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on " + this.adminUrl, ex);
		}
	}

	private static PostgresServer resolve() {
		String url = System.getenv("SPRINGBASE_TEST_DB_URL");
		if (url != null && !url.isBlank()) {
			return new PostgresServer(url, env("SPRINGBASE_TEST_DB_USER", "postgres"),
					env("SPRINGBASE_TEST_DB_PASSWORD", ""), "SPRINGBASE_TEST_DB_URL");
		}
		PostgresServer local = new PostgresServer("jdbc:postgresql://localhost:5432/postgres", "postgres", "",
				"localhost:5432");
		if (answers(local)) {
			return local;
		}
		if (dockerAnswers()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			return new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
					"Testcontainers");
		}
		try {
			EmbeddedPostgres embedded = EmbeddedPostgres.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					embedded.close();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}));
			return new PostgresServer(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", "embedded");
		}
		catch (IOException ex) {
			throw new IllegalStateException("""
					No PostgreSQL for the tests: nothing answers on localhost:5432, Docker is not available \
					and an embedded PostgreSQL could not start. Set SPRINGBASE_TEST_DB_URL (and \
					SPRINGBASE_TEST_DB_USER, SPRINGBASE_TEST_DB_PASSWORD) to a server where that user may \
					create databases.""", ex);
		}
	}

	private static boolean answers(PostgresServer server) {
		try (Connection connection = DriverManager.getConnection(server.adminUrl, server.username, server.password)) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static boolean dockerAnswers() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	static String withDatabase(String jdbcUrl, String database) {
		int query = jdbcUrl.indexOf('?');
		String base = (query >= 0) ? jdbcUrl.substring(0, query) : jdbcUrl;
		String params = (query >= 0) ? jdbcUrl.substring(query) : "";
		return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
	}

	/**
	 * A database created for one test class; a {@link FreshDatabase} test can autowire
	 * it.
	 */
	public record Database(String name, String url, String username, String password) {

		public void drop() {
			PostgresServer.get().dropDatabase(this.name);
		}

		/**
		 * Takes the database away from its clients until the returned outage is closed,
		 * as a server that went down would: it accepts no new connection and those open
		 * are ended (waiting until they are), so a pool's next connection fails.
		 */
		public Outage outage() {
			PostgresServer server = PostgresServer.get();
			server.execute("ALTER DATABASE " + this.name + " ALLOW_CONNECTIONS false");
			server.execute("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = '" + this.name
					+ "'");
			return () -> server.execute("ALTER DATABASE " + this.name + " ALLOW_CONNECTIONS true");
		}

	}

	/** A database outage; closing it lets clients connect again. */
	@FunctionalInterface
	public interface Outage extends AutoCloseable {

		@Override
		void close();

	}

}
