package dev.springbase.functions.database;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.testsupport.FunctionJars;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deployed functions reach their project's database through the SDK, in real worker
 * processes, and nothing of another project's.
 */
class DatabaseSdkTests extends DatabaseTests {

	@TempDir
	Path work;

	@Test
	void aFunctionReadsAndWritesItsProjectsSchema() {
		String name = deployNotes();

		assertThat(invoke(name, "write:hello").text()).isEqualTo("ok");
		assertThat(invoke(name, "write:world").text()).isEqualTo("ok");

		assertThat(invoke(name, "list").text()).isEqualTo("hello,world");
		assertThat(invoke(name, "query:select current_user || '/' || current_schema()").text())
			.isEqualTo(schemaOf(this.project) + "/" + schemaOf(this.project));
		assertThat(rows("select body from notes order by body")).containsExactly(List.of("hello"), List.of("world"));
	}

	@Test
	void aFunctionCannotReadAnotherProjectsSchema() {
		UUID other = UUID.randomUUID();
		assertThat(sql(auth.secretKeyToken(other),
				"create table secrets (value text); " + "insert into secrets values ('theirs')")
			.status()).isEqualTo(200);
		String name = deployNotes();

		Reply peeked = invoke(name, "query:select value from " + schemaOf(other) + ".secrets");
		Reply escaped = invoke(name, "query:reset role; select count(*)::text from functions.functions");

		assertThat(peeked.text()).startsWith("error 42501").contains("permission denied for schema");
		assertThat(escaped.text()).startsWith("error 42501");
	}

	private String deployNotes() {
		String name = uniqueName("notes");
		Path jar = FunctionJars.build(this.work, List.of(sdk()), Map.of("demo.Notes",
				"""
						package demo;

						import java.sql.Connection;
						import java.sql.PreparedStatement;
						import java.sql.ResultSet;
						import java.sql.SQLException;
						import java.sql.Statement;

						import dev.springbase.functions.sdk.FunctionContext;

						public class Notes implements java.util.function.Function<String, String> {

							public String apply(String input) {
								try (Connection connection = FunctionContext.current().database().connect();
										Statement statement = connection.createStatement()) {
									if (input.startsWith("write:")) {
										statement.execute("create table if not exists notes (body text)");
										try (PreparedStatement insert = connection.prepareStatement("insert into notes values (?)")) {
											insert.setString(1, input.substring(6));
											insert.executeUpdate();
										}
										return "ok";
									}
									String query = input.startsWith("query:") ? input.substring(6)
											: "select string_agg(body, ',' order by body) from notes";
									statement.execute(query);
									while (statement.getResultSet() == null) {
										statement.getMoreResults();
									}
									try (ResultSet rows = statement.getResultSet()) {
										rows.next();
										return rows.getString(1);
									}
								}
								catch (SQLException ex) {
									return "error " + ex.getSQLState() + ": " + ex.getMessage();
								}
							}

						}"""));
		Reply deployed = this.api.deploy(name, this.secret, jar, "demo.Notes");
		assertThat(deployed.status()).as(deployed.text()).isEqualTo(201);
		return name;
	}

	private Reply invoke(String name, String input) {
		Reply reply = this.api.post("/functions/v1/" + name, this.secret, input, "Content-Type", "text/plain");
		assertThat(reply.status()).as(reply.text()).isEqualTo(200);
		return reply;
	}

}
