package dev.springbase.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.springbase.system.Api.Response;
import dev.springbase.testsupport.FunctionJars;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A function deployed and invoked through the gateway, run by a worker of the packaged
 * functions service, and invisible to another project.
 */
class FunctionsSystemTests {

	static final String BOUNDARY = "springbase-system-test";

	@TempDir
	static Path work;

	private final Api api = Api.gateway();

	@Test
	void deploysAndInvokesThroughTheGatewayAndHidesItFromOtherProjects() throws IOException {
		String admin = this.api.adminToken();
		String project = this.api.createProject(admin, "Functions", List.of());
		String secret = this.api.createKey(admin, project, "secret").string("key");
		String publishable = this.api.createKey(admin, project, "publishable").string("key");
		Path jar = FunctionJars.build(work, List.of(), Map.of("demo.Shout", """
				package demo;

				public class Shout implements java.util.function.Function<String, String> {
					public String apply(String text) {
						return text.toUpperCase();
					}
				}
				"""));

		Response deployed = this.api.post("/functions/v1/functions/shout/versions")
			.apikey(secret)
			.body("multipart/form-data; boundary=" + BOUNDARY, multipart(jar, "demo.Shout"))
			.send();
		deployed.expectStatus(201);
		assertThat(deployed.json()).containsEntry("number", 1).containsEntry("active", true);

		Response invoked = this.api.post("/functions/v1/shout").apikey(publishable).body("text/plain", "quiet").send();
		invoked.expectStatus(200);
		assertThat(invoked.body()).isEqualTo("QUIET");

		Response byPublishableKey = this.api.post("/functions/v1/functions/other/versions")
			.apikey(publishable)
			.body("multipart/form-data; boundary=" + BOUNDARY, multipart(jar, "demo.Shout"))
			.send();
		assertThat(byPublishableKey.status()).isEqualTo(403);

		String otherProject = this.api.createProject(admin, "Other functions", List.of());
		String otherSecret = this.api.createKey(admin, otherProject, "secret").string("key");
		Response foreignRead = this.api.get("/functions/v1/functions/shout").apikey(otherSecret).send();
		assertThat(foreignRead.status()).isEqualTo(404);
		assertThat(foreignRead.code()).isEqualTo("functions.function_not_found");
		Response foreignInvoke = this.api.post("/functions/v1/shout")
			.apikey(otherSecret)
			.body("text/plain", "quiet")
			.send();
		assertThat(foreignInvoke.status()).isEqualTo(404);
	}

	static byte[] multipart(Path jar, String handler) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"handler\"\r\n\r\n" + handler + "\r\n"
				+ "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"function.jar\"\r\n"
				+ "Content-Type: application/java-archive\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.write(Files.readAllBytes(jar));
		body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

}
