package dev.springbase.system;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.springbase.system.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad requests through the gateway: each a 4xx problem with a stable code, nothing
 * created.
 */
class BadInputSystemTests {

	private final Api api = Api.gateway();

	@Test
	void malformedJson() {
		Response response = this.api.post("/auth/v1/projects")
			.bearer(this.api.adminToken())
			.body("application/json", "{\"name\": ")
			.send();
		assertProblem(response, 400, "request.malformed_body");
	}

	@Test
	void missingFieldIsNamed() {
		Response response = this.api.post("/auth/v1/projects").bearer(this.api.adminToken()).json(Map.of()).send();
		assertProblem(response, 400, "request.validation_failed");
		assertThat(response.body()).contains("\"field\":\"name\"");
	}

	@Test
	void oversizeBody() {
		String name = "x".repeat(2 * 1024 * 1024);
		Response response = this.api.post("/auth/v1/projects")
			.bearer(this.api.adminToken())
			.json(Map.of("name", name))
			.send();
		assertProblem(response, 413, "request.body_too_large");
	}

	@Test
	void wrongContentType() {
		Response response = this.api.post("/auth/v1/projects")
			.bearer(this.api.adminToken())
			.body("application/xml", "<project><name>x</name></project>")
			.send();
		assertProblem(response, 415, "request.unsupported_media_type");
	}

	@Test
	void unknownRouteInAServiceAndAtTheGateway() {
		String admin = this.api.adminToken();
		assertProblem(this.api.get("/auth/v1/no-such-thing").bearer(admin).send(), 404, "request.route_not_found");
		Response atGateway = this.api.get("/no-such-prefix/v1/things").send();
		assertThat(atGateway.status()).isEqualTo(404);
		assertThat(atGateway.contentType()).startsWith("application/problem+json");
	}

	@Test
	void nothingIsCreatedByRefusedRequests() {
		String admin = this.api.adminToken();
		String marker = "refused-" + System.nanoTime();
		Response refused = this.api.post("/auth/v1/projects")
			.bearer(admin)
			.json(Map.of("name", marker, "allowedOrigins", List.of("not a url")))
			.send();
		assertThat(refused.status()).isEqualTo(400);
		Response projects = this.api.get("/auth/v1/projects?limit=200").bearer(admin).send();
		assertThat(projects.body()).doesNotContain(marker);
	}

	private static void assertProblem(Response response, int status, String code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.code()).isEqualTo(code);
		assertThat(response.json()).containsKey("requestId");
	}

}
