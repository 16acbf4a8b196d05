package dev.springbase.auth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing of project B is visible to those who are not in it: every answer is 404. */
class IsolationTests extends AuthServiceTests {

	String ownerA;

	UUID projectA;

	String ownerB;

	UUID projectB;

	@BeforeEach
	void setUp() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		this.ownerA = this.api.newAccount("a-" + suffix + "@test.local");
		this.ownerB = this.api.newAccount("b-" + suffix + "@test.local");
		this.projectA = this.api.createProject(this.ownerA, "A");
		this.projectB = this.api.createProject(this.ownerB, "B");
	}

	@Test
	void accountThatIsNotMemberGetsNotFoundForEveryProjectEndpoint() {
		assertEveryEndpointOfBIsNotFound(this.ownerA);
		assertThat(this.api.get("/auth/v1/projects", this.ownerA).items()).extracting((project) -> project.get("id"))
			.containsExactly(this.projectA.toString());
	}

	@Test
	void secretKeyOfAnotherProjectGetsNotFoundForEveryProjectEndpoint() {
		assertEveryEndpointOfBIsNotFound(this.api.keyToken(this.ownerA, this.projectA, "secret"));
	}

	@Test
	void publishableKeyOfAnotherProjectGetsNotFound() {
		assertEveryEndpointOfBIsNotFound(this.api.keyToken(this.ownerA, this.projectA, "publishable"));
	}

	@Test
	void unknownProjectLooksLikeForeignOne() {
		Reply unknown = this.api.get("/auth/v1/projects/" + UUID.randomUUID(), this.ownerA);
		Reply foreign = this.api.get("/auth/v1/projects/" + this.projectB, this.ownerA);
		assertThat(unknown.status()).isEqualTo(foreign.status()).isEqualTo(404);
		assertThat(unknown.code()).isEqualTo(foreign.code()).isEqualTo("auth.project_not_found");
	}

	private void assertEveryEndpointOfBIsNotFound(String token) {
		String base = "/auth/v1/projects/" + this.projectB;
		String ownerBId = (String) this.api.get("/auth/v1/console/me", this.ownerB).body().get("id");
		String keyB = this.api.createKey(this.ownerB, this.projectB, "secret").string("id");
		List<Reply> replies = List.of(this.api.get(base, token), this.api.patch(base, token, Map.of("name", "taken")),
				this.api.get(base + "/members", token),
				this.api.post(base + "/members", token, Map.of("email", "x@test.local", "role", "viewer")),
				this.api.patch(base + "/members/" + ownerBId, token, Map.of("role", "viewer")),
				this.api.delete(base + "/members/" + ownerBId, token), this.api.get(base + "/api-keys", token),
				this.api.post(base + "/api-keys", token, Map.of("name", "stolen", "type", "secret")),
				this.api.delete(base + "/api-keys/" + keyB, token), this.api.delete(base, token));
		assertThat(replies).allSatisfy((reply) -> {
			assertThat(reply.status()).as("%s", reply.body()).isEqualTo(404);
			assertThat(reply.code()).isEqualTo("auth.project_not_found");
		});
		// Nothing changed in B.
		Reply project = this.api.get(base, this.ownerB);
		assertThat(project.body()).containsEntry("name", "B");
		assertThat(this.api.get(base + "/api-keys", this.ownerB).items())
			.allSatisfy((key) -> assertThat(key.get("revokedAt")).isNull());
	}

}
