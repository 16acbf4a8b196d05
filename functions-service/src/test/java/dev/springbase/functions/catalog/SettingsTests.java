package dev.springbase.functions.catalog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.functions.FunctionsServiceTests;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsTests extends FunctionsServiceTests {

	private static final String SECRET_VALUE = "s3cr3t-value-never-shown";

	@TempDir
	Path work;

	@Autowired
	JdbcClient jdbc;

	@Test
	void handsEnvironmentAndSecretsToTheFunctionButNeverReturnsSecrets() {
		String name = uniqueName("configured");
		deploy(name, behaviourJar(this.work, "v1"));
		String path = "/functions/v1/functions/" + name;
		assertThat(invoke(name, "config").text()).isEqualTo("none/none");

		Reply updated = this.api.json("PATCH", path, this.secret, Map.of("env", Map.of("FOO", "bar")));
		assertThat(invoke(name, "config").text()).as("runs with the new settings at once").isEqualTo("bar/none");
		Reply stored = this.api.json("PUT", path + "/secrets/API_KEY", this.secret, Map.of("value", SECRET_VALUE));

		assertThat(updated.status()).isEqualTo(200);
		assertThat(stored.status()).isEqualTo(204);
		assertThat(invoke(name, "config").text()).isEqualTo("bar/" + SECRET_VALUE);
		Reply shown = this.api.get(path, this.secret);
		assertThat(shown.json()).containsEntry("secrets", List.of("API_KEY"))
			.containsEntry("env", Map.of("FOO", "bar"));
		assertThat(shown.text()).doesNotContain(SECRET_VALUE);
		assertThat(this.api.get("/functions/v1/functions", this.secret).text()).doesNotContain(SECRET_VALUE);
		assertThat(updated.text()).doesNotContain(SECRET_VALUE);
		byte[] atRest = this.jdbc.sql("select ciphertext from function_secrets where name = 'API_KEY'")
			.query(byte[].class)
			.single();
		assertThat(new String(atRest, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET_VALUE);

		assertThat(this.api.delete(path + "/secrets/API_KEY", this.secret).status()).isEqualTo(204);
		assertThat(invoke(name, "config").text()).isEqualTo("bar/none");
		assertThat(this.api.delete(path + "/secrets/API_KEY", this.secret).code())
			.isEqualTo("functions.secret_not_found");
	}

	@Test
	void refusesSettingsOutsideTheLimits() {
		String name = uniqueName("limited");
		deploy(name, behaviourJar(this.work, "v1"));
		String path = "/functions/v1/functions/" + name;

		Reply noTime = this.api.json("PATCH", path, this.secret, Map.of("timeoutSeconds", 0));
		Reply badName = this.api.json("PATCH", path, this.secret, Map.of("env", Map.of("1BAD", "x")));
		Reply tooMuch = this.api.json("PATCH", path, this.secret, Map.of("maxConcurrency", 100000));
		Reply badSecret = this.api.json("PUT", path + "/secrets/no-dashes", this.secret, Map.of("value", "x"));

		assertThat(List.of(noTime, badName, tooMuch, badSecret)).allSatisfy((reply) -> {
			assertThat(reply.status()).isEqualTo(400);
			assertThat(reply.code()).isEqualTo("functions.invalid_setting");
		});
		assertThat(this.api.get(path, this.secret).json()).containsEntry("timeoutSeconds", 30);
	}

	@Test
	void onlyAdminsChangeSettingsOrSecrets() {
		String name = uniqueName("guarded");
		deploy(name, behaviourJar(this.work, "v1"));
		String path = "/functions/v1/functions/" + name;
		String user = auth.userToken(this.project, "8f0c3c9e-0000-4000-8000-000000000001");

		assertThat(this.api.json("PATCH", path, user, Map.of("timeoutSeconds", 5)).status()).isEqualTo(403);
		assertThat(this.api.json("PUT", path + "/secrets/X", user, Map.of("value", "x")).status()).isEqualTo(403);
		assertThat(this.api.get(path, user).status()).isEqualTo(403);
	}

	private Reply invoke(String name, String input) {
		return this.api.post("/functions/v1/" + name, this.secret, input, "Content-Type", "text/plain");
	}

}
