package dev.springbase.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.springbase.system.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/** What owners, developers and viewers of a project may do. */
class ProjectRolesSystemTests {

	private final Api api = Api.gateway();

	@Test
	void viewerCannotChangeAnythingDeveloperCannotDeleteOwnerCan() {
		String owner = this.api.adminToken();
		String project = this.api.createProject(owner, "Roles", List.of());
		String viewer = this.api.createMember(owner, project, "viewer");
		String developer = this.api.createMember(owner, project, "developer");
		String keys = "/auth/v1/projects/" + project + "/api-keys";

		Response viewerCreatesKey = this.api.post(keys)
			.bearer(viewer)
			.json(Map.of("name", "nope", "type", "secret"))
			.send();
		Response viewerRenames = this.api.call("PATCH", "/auth/v1/projects/" + project)
			.bearer(viewer)
			.json(Map.of("name", "renamed"))
			.send();
		Response viewerReads = this.api.get(keys).bearer(viewer).send();
		assertThat(viewerCreatesKey.status()).isEqualTo(403);
		assertThat(viewerCreatesKey.code()).isEqualTo("auth.role_insufficient");
		assertThat(viewerRenames.status()).isEqualTo(403);
		assertThat(viewerReads.status()).isEqualTo(200);

		Response developerCreatesKey = this.api.post(keys)
			.bearer(developer)
			.json(Map.of("name", "dev key", "type", "publishable"))
			.send();
		developerCreatesKey.expectStatus(201);
		assertThat(this.api.get("/storage/v1/whoami").apikey(developerCreatesKey.string("key")).send().status())
			.isEqualTo(200);
		Response developerDeletes = this.api.call("DELETE", "/auth/v1/projects/" + project).bearer(developer).send();
		assertThat(developerDeletes.status()).isEqualTo(403);
		assertThat(developerDeletes.code()).isEqualTo("auth.role_insufficient");

		this.api.call("DELETE", "/auth/v1/projects/" + project).bearer(owner).send().expectStatus(204);
		assertThat(this.api.get("/auth/v1/projects/" + project).bearer(owner).send().status()).isEqualTo(404);
		// Deleting the project removes its keys; the gateway notices within its 5 s
		// cache.
		ApiKeyLifecycleSystemTests.awaitStatus(401, Duration.ofSeconds(7),
				() -> this.api.get("/storage/v1/whoami").apikey(developerCreatesKey.string("key")).send());
	}

}
