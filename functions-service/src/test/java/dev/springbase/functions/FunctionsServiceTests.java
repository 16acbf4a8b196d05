package dev.springbase.functions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.springbase.functions.sdk.FunctionContext;
import dev.springbase.testsupport.AuthStandIn;
import dev.springbase.testsupport.FreshDatabase;
import dev.springbase.testsupport.FunctionJars;
import dev.springbase.testsupport.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the functions service on a random port against its own fresh database, with a
 * stand-in auth service for tokens and console roles, and real worker processes. Each
 * test works in a project of its own.
 */
@FreshDatabase
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
public abstract class FunctionsServiceTests {

	/** Shared by every test class of this JVM; it stops with it. */
	protected static final AuthStandIn auth = new AuthStandIn();

	@TempDir
	protected static Path dataDir;

	@LocalServerPort
	protected int port;

	protected FunctionsClient api;

	protected UUID project;

	protected String secret;

	/** No storage service runs in these tests: functions that call it find it closed. */
	protected static final String CLOSED_STORAGE_URL = "http://127.0.0.1:" + closedPort();

	@DynamicPropertySource
	static void functionsProperties(DynamicPropertyRegistry registry) {
		registry.add("springbase.security.jwks-uri", auth::jwksUri);
		registry.add("springbase.functions.auth-url", auth::url);
		registry.add("springbase.functions.storage-url", () -> CLOSED_STORAGE_URL);
		registry.add("springbase.functions.data-dir", () -> dataDir.toString());
		registry.add("springbase.functions.defaults.memory-mb", () -> "96");
		// Keeps the worker processes of finished tests from piling up.
		registry.add("springbase.functions.workers.idle-timeout", () -> "10s");
		// Failing triggers reach their dead letter within seconds.
		registry.add("springbase.events.consumer.max-attempts", () -> "3");
		registry.add("springbase.events.consumer.initial-backoff", () -> "200ms");
		registry.add("springbase.events.consumer.max-backoff", () -> "1s");
	}

	/**
	 * Workers create their project's database role, and roles belong to the whole server:
	 * they outlive the test databases. Drops those that own and may use nothing any more,
	 * left by earlier test classes and runs.
	 */
	@BeforeAll
	static void dropUnusedProjectRoles() throws SQLException {
		PostgresServer server = PostgresServer.get();
		try (Connection connection = DriverManager.getConnection(server.adminUrl(), server.username(),
				server.password()); Statement statement = connection.createStatement()) {
			statement.execute("""
					do $$
					declare
						unused record;
					begin
						for unused in select r.rolname from pg_roles r
								where r.rolname ~ '^proj_[0-9a-f]{32}$'
								and not exists (select 1 from pg_shdepend d
									where d.refclassid = 'pg_authid'::regclass and d.refobjid = r.oid) loop
							begin
								execute format('drop role %I', unused.rolname);
							exception when others then
								-- Taken into use meanwhile: it stays.
							end;
						end loop;
					end
					$$""");
		}
	}

	@BeforeEach
	void newProject() {
		this.api = new FunctionsClient("http://localhost:" + this.port);
		this.project = UUID.randomUUID();
		this.secret = auth.secretKeyToken(this.project);
	}

	/**
	 * A function that does what its input says, so one deployment shows every way a
	 * function can end. Other inputs are echoed with the given label.
	 */
	protected static Path behaviourJar(Path directory, String label) {
		return FunctionJars.build(directory, List.of(sdk()), Map.of("demo.Behave", """
				package demo;

				import dev.springbase.functions.sdk.FunctionContext;

				public class Behave implements java.util.function.Function<String, String> {

					public String apply(String input) {
						FunctionContext context = FunctionContext.current();
						context.logger().info("got " + input);
						System.out.println("printed " + input);
						switch (input) {
							case "boom":
								throw new IllegalStateException("boom");
							case "exit":
								System.exit(42);
							case "loop":
								while (true) {
									Thread.onSpinWait();
								}
							case "oom": {
								java.util.List<long[]> hog = new java.util.ArrayList<>();
								while (true) {
									hog.add(new long[1_000_000]);
								}
							}
							case "who":
								return context.caller().map((c) -> c.kind() + ":" + c.subject() + ":" + c.role())
									.orElse("nobody") + "@" + context.projectId();
							case "config":
								return context.env().getOrDefault("FOO", "none") + "/"
										+ context.secret("API_KEY").orElse("none");
							default:
								return "LABEL:" + input;
						}
					}

				}""".replace("LABEL", label)));
	}

	protected static Path sdk() {
		try {
			return Path.of(FunctionContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	protected void deploy(String name, Path jar) {
		FunctionsClient.Reply deployed = this.api.deploy(name, this.secret, jar, "demo.Behave");
		assertThat(deployed.status()).as(deployed.text()).isEqualTo(201);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	protected static String uniqueName(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
