package dev.springbase.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.springbase.system.Api.Call;
import dev.springbase.system.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys and tokens of project A never reach project B: every endpoint of B answers 401,
 * 403 or 404 and never B's data, and B is unchanged afterwards.
 */
class ProjectIsolationSystemTests {

	private final Api api = Api.gateway();

	private String admin;

	private String projectA;

	private String projectB;

	private String keyOfB;

	private String keyIdOfB;

	private String keyPrefixOfB;

	private String memberOfA;

	@BeforeEach
	void twoProjects() {
		this.admin = this.api.adminToken();
		this.projectA = this.api.createProject(this.admin, "Project A", List.of());
		this.projectB = this.api.createProject(this.admin, "Project B secret name", List.of());
		Response bKey = this.api.createKey(this.admin, this.projectB, "secret");
		this.keyOfB = bKey.string("key");
		this.keyIdOfB = bKey.string("id");
		this.keyPrefixOfB = bKey.string("prefix");
		String email = "alice-" + System.nanoTime() + "@system.test";
		this.api.post("/auth/v1/console/accounts")
			.bearer(this.admin)
			.json(Map.of("email", email, "password", "alice-password-123"))
			.send()
			.expectStatus(201);
		this.api.post("/auth/v1/projects/" + this.projectA + "/members")
			.bearer(this.admin)
			.json(Map.of("email", email, "role", "owner"))
			.send()
			.expectStatus(201);
		this.memberOfA = this.api.login(email, "alice-password-123");
	}

	@Test
	void accountOfProjectAGetsNothingOfProjectB() {
		assertNoAccessToB((call) -> call.bearer(this.memberOfA));
		Response projects = this.api.get("/auth/v1/projects").bearer(this.memberOfA).send();
		assertThat(projects.items()).extracting((item) -> item.get("id")).containsExactly(this.projectA);
	}

	@Test
	void secretKeyOfProjectAGetsNothingOfProjectB() {
		String secretOfA = this.api.createKey(this.admin, this.projectA, "secret").string("key");
		assertNoAccessToB((call) -> call.apikey(secretOfA));
	}

	@Test
	void publishableKeyOfProjectAGetsNothingOfProjectB() {
		String publishableOfA = this.api.createKey(this.admin, this.projectA, "publishable").string("key");
		assertNoAccessToB((call) -> call.apikey(publishableOfA));
	}

	@Test
	void servicesSeeOnlyTheKeysOwnProject() {
		String publishableOfA = this.api.createKey(this.admin, this.projectA, "publishable").string("key");
		for (String service : List.of("storage", "functions", "notifications")) {
			Response whoami = this.api.get("/" + service + "/v1/whoami").apikey(publishableOfA).send();
			assertThat(whoami.json()).as(service).containsEntry("projectId", this.projectA);
		}
	}

	private void assertNoAccessToB(java.util.function.UnaryOperator<Call> withCredentials) {
		String b = "/auth/v1/projects/" + this.projectB;
		List<Call> calls = new ArrayList<>();
		calls.add(this.api.get(b));
		calls.add(this.api.call("PATCH", b).json(Map.of("name", "taken over")));
		calls.add(this.api.call("DELETE", b));
		calls.add(this.api.get(b + "/members"));
		calls.add(this.api.post(b + "/members").json(Map.of("email", SpringbaseStack.ADMIN_EMAIL, "role", "viewer")));
		calls.add(this.api.get(b + "/api-keys"));
		calls.add(this.api.post(b + "/api-keys").json(Map.of("name", "stolen", "type", "secret")));
		calls.add(this.api.call("DELETE", b + "/api-keys/" + this.keyIdOfB));
		for (Call call : calls) {
			Response response = withCredentials.apply(call).send();
			assertThat(response.status()).as(response.raw().request().method() + " " + response.raw().uri())
				.isIn(401, 403, 404);
			assertThat(response.contentType()).startsWith("application/problem+json");
			// The problem may echo the requested path; it must never carry B's data.
			assertThat(response.body()).doesNotContain("Project B secret name")
				.doesNotContain(this.keyOfB)
				.doesNotContain(this.keyPrefixOfB)
				.doesNotContain(SpringbaseStack.ADMIN_EMAIL);
		}
		Response stillThere = this.api.get(b).bearer(this.admin).send();
		stillThere.expectStatus(200);
		assertThat(stillThere.json()).containsEntry("name", "Project B secret name");
		assertThat(this.api.get("/storage/v1/whoami").apikey(this.keyOfB).send().status()).isEqualTo(200);
	}

}
