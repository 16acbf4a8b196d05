package dev.springbase.system;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.springbase.functions.sdk.FunctionContext;
import dev.springbase.testsupport.FunctionJars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deleting a project through the gateway removes what every service held for it: its
 * objects and their bytes, its functions, and its database with its role.
 */
class ProjectDeletionSystemTests {

	@TempDir
	static Path work;

	private final Api api = Api.gateway();

	@Test
	void deletingAProjectRemovesItsFilesFunctionsAndDatabase() throws Exception {
		String admin = this.api.adminToken();
		String project = this.api.createProject(admin, "Short-lived", List.of());
		String secret = this.api.createKey(admin, project, "secret").string("key");
		this.api.post("/storage/v1/bucket").apikey(secret).json(Map.of("name", "files")).send().expectStatus(201);
		this.api.call("PUT", "/storage/v1/object/files/a.txt")
			.apikey(secret)
			.body("text/plain", "soon gone")
			.send()
			.expectStatus(201);
		this.api.post("/functions/v1/database/sql")
			.apikey(secret)
			.json(Map.of("sql", "create table notes (id int primary key)"))
			.send()
			.expectStatus(200);
		Path jar = FunctionJars.build(work, List.of(sdk()), Map.of("demo.Echo", """
				package demo;

				public class Echo implements java.util.function.Function<String, String> {
					public String apply(String text) {
						return text;
					}
				}
				"""));
		this.api.post("/functions/v1/functions/echo/versions")
			.apikey(secret)
			.body("multipart/form-data; boundary=" + FunctionsSystemTests.BOUNDARY,
					FunctionsSystemTests.multipart(jar, "demo.Echo"))
			.send()
			.expectStatus(201);
		UUID id = UUID.fromString(project);
		String schema = "proj_" + project.replace("-", "");
		assertThat(count("select count(*) from storage.objects where project_id = ?", id)).isOne();
		assertThat(count("select count(*) from functions.functions where project_id = ?", id)).isOne();
		assertThat(count("select count(*) from pg_namespace where nspname = ?", schema)).isOne();

		// Account tokens of the test stack live seconds; the deployment may have outlived
		// one.
		this.api.call("DELETE", "/auth/v1/projects/" + project).bearer(this.api.adminToken()).send().expectStatus(204);

		// The gateway refuses a deleted project's keys within 5 s (its cache of resolved
		// keys).
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.api.get("/storage/v1/bucket").apikey(secret).send().status() == 401);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(count("select count(*) from storage.objects where project_id = ?", id)).isZero();
			assertThat(count("select count(*) from storage.buckets where project_id = ?", id)).isZero();
			assertThat(count("select count(*) from functions.functions where project_id = ?", id)).isZero();
			assertThat(count("select count(*) from pg_namespace where nspname = ?", schema)).isZero();
			assertThat(count("select count(*) from pg_roles where rolname = ?", schema)).isZero();
		});
	}

	private static long count(String sql, Object parameter) throws SQLException {
		try (Connection connection = SpringbaseStack.get().connectToDatabase();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setObject(1, parameter);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	private static Path sdk() throws URISyntaxException {
		return Path.of(FunctionContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
	}

}
