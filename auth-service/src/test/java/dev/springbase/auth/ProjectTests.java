package dev.springbase.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectTests extends AuthServiceTests {

	@Test
	void createsProjectWithOwnerAndLocation() {
		String token = this.api.newAccount("creator@test.local");
		Reply created = this.api.post("/auth/v1/projects", token, Map.of("name", "  Photos  ", "allowedOrigins",
				List.of("HTTPS://App.Example.com", "http://localhost:3000")));
		assertThat(created.status()).isEqualTo(201);
		String id = created.string("id");
		assertThat(created.headers().getLocation()).hasToString("/auth/v1/projects/" + id);
		assertThat(created.body()).containsEntry("name", "Photos")
			.containsEntry("allowedOrigins", List.of("https://app.example.com", "http://localhost:3000"))
			.containsKeys("createdAt", "updatedAt");

		assertThat(this.api.get("/auth/v1/projects/" + id, token).body()).containsEntry("name", "Photos");
		Reply members = this.api.get("/auth/v1/projects/" + id + "/members", token);
		assertThat(members.items()).singleElement()
			.satisfies((member) -> assertThat(member).containsEntry("email", "creator@test.local")
				.containsEntry("role", "owner"));
	}

	@Test
	void listsOnlyOwnProjectsPageByPage() {
		String token = this.api.newAccount("lister@test.local");
		String other = this.api.newAccount("other-lister@test.local");
		this.api.createProject(other, "not mine");
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			created.add(this.api.createProject(token, "project " + i).toString());
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Reply page = this.api.get("/auth/v1/projects?limit=2" + ((cursor != null) ? "&cursor=" + cursor : ""),
					token);
			assertThat(page.status()).isEqualTo(200);
			page.items().forEach((project) -> seen.add((String) project.get("id")));
			cursor = page.string("nextCursor");
			pages++;
		}
		while (cursor != null);
		assertThat(seen).containsExactlyElementsOf(created);
		assertThat(pages).isEqualTo(3);

		// A platform admin sees every project.
		Reply all = this.api.get("/auth/v1/projects?limit=200", this.api.adminToken());
		assertThat(all.items()).extracting((project) -> project.get("id")).containsAll(created).hasSizeGreaterThan(5);

		Reply badCursor = this.api.get("/auth/v1/projects?cursor=nonsense", token);
		assertThat(badCursor.status()).isEqualTo(400);
		assertThat(badCursor.code()).isEqualTo("request.invalid_cursor");
	}

	@Test
	void renamesAndChangesOrigins() {
		String token = this.api.newAccount("renamer@test.local");
		UUID id = this.api.createProject(token, "before");
		Reply renamed = this.api.patch("/auth/v1/projects/" + id, token, Map.of("name", "after"));
		assertThat(renamed.status()).isEqualTo(200);
		assertThat(renamed.body()).containsEntry("name", "after").containsEntry("allowedOrigins", List.of());

		Reply origins = this.api.patch("/auth/v1/projects/" + id, token, Map.of("allowedOrigins", List.of("*")));
		assertThat(origins.body()).containsEntry("name", "after").containsEntry("allowedOrigins", List.of("*"));
		assertThat(this.api.get("/auth/v1/projects/" + id, token).body()).containsEntry("name", "after")
			.containsEntry("allowedOrigins", List.of("*"));
		assertThat(this.api.get("/internal/cors/allowed-origins", null).body().get("origins"))
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.contains("*");
	}

	@Test
	void deletingProjectRemovesItsKeysAtOnce() {
		String token = this.api.newAccount("deleter@test.local");
		UUID id = this.api.createProject(token, "doomed");
		String key = this.api.createKey(token, id, "secret").string("key");
		assertThat(this.api.resolve(key).status()).isEqualTo(200);

		assertThat(this.api.delete("/auth/v1/projects/" + id, token).status()).isEqualTo(204);

		Reply resolved = this.api.resolve(key);
		assertThat(resolved.status()).isEqualTo(401);
		assertThat(resolved.code()).isEqualTo("auth.invalid_api_key");
		Reply gone = this.api.get("/auth/v1/projects/" + id, token);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.code()).isEqualTo("auth.project_not_found");
	}

	@Test
	void viewerCannotChangeAnything() {
		String owner = this.api.newAccount("owner1@test.local");
		String viewer = this.api.newAccount("viewer1@test.local");
		UUID id = this.api.createProject(owner, "viewed");
		this.api.addMember(owner, id, "viewer1@test.local", "viewer");

		assertThat(this.api.get("/auth/v1/projects/" + id, viewer).status()).isEqualTo(200);
		assertThat(this.api.get("/auth/v1/projects/" + id + "/api-keys", viewer).status()).isEqualTo(200);
		List<Reply> changes = List.of(
				this.api.post("/auth/v1/projects/" + id + "/api-keys", viewer,
						Map.of("name", "nope", "type", "secret")),
				this.api.patch("/auth/v1/projects/" + id, viewer, Map.of("name", "nope")),
				this.api.delete("/auth/v1/projects/" + id, viewer));
		assertThat(changes).allSatisfy((reply) -> {
			assertThat(reply.status()).isEqualTo(403);
			assertThat(reply.code()).isEqualTo("auth.role_insufficient");
		});
		String keyId = this.api.createKey(owner, id, "publishable").string("id");
		Reply revoke = this.api.delete("/auth/v1/projects/" + id + "/api-keys/" + keyId, viewer);
		assertThat(revoke.status()).isEqualTo(403);
		assertThat(revoke.code()).isEqualTo("auth.role_insufficient");
	}

	@Test
	void developerCannotDeleteProjectOrManageMembersButOwnerCan() {
		String owner = this.api.newAccount("owner2@test.local");
		String developer = this.api.newAccount("dev2@test.local");
		this.api.newAccount("third2@test.local");
		UUID id = this.api.createProject(owner, "developed");
		this.api.addMember(owner, id, "dev2@test.local", "developer");

		assertThat(this.api.patch("/auth/v1/projects/" + id, developer, Map.of("name", "renamed")).status())
			.isEqualTo(200);
		assertThat(this.api.createKey(developer, id, "secret").status()).isEqualTo(201);
		Reply delete = this.api.delete("/auth/v1/projects/" + id, developer);
		assertThat(delete.status()).isEqualTo(403);
		assertThat(delete.code()).isEqualTo("auth.role_insufficient");
		Reply addMember = this.api.post("/auth/v1/projects/" + id + "/members", developer,
				Map.of("email", "third2@test.local", "role", "viewer"));
		assertThat(addMember.status()).isEqualTo(403);
		assertThat(addMember.code()).isEqualTo("auth.role_insufficient");

		assertThat(this.api.delete("/auth/v1/projects/" + id, owner).status()).isEqualTo(204);
	}

	@Test
	void lastOwnerCannotBeRemovedOrDemoted() {
		String owner = this.api.newAccount("owner3@test.local");
		String ownerId = (String) this.api.get("/auth/v1/console/me", owner).body().get("id");
		String second = this.api.newAccount("second3@test.local");
		String secondId = (String) this.api.get("/auth/v1/console/me", second).body().get("id");
		UUID id = this.api.createProject(owner, "owned");
		String members = "/auth/v1/projects/" + id + "/members/";

		Reply demote = this.api.patch(members + ownerId, owner, Map.of("role", "developer"));
		assertThat(demote.status()).isEqualTo(409);
		assertThat(demote.code()).isEqualTo("auth.last_owner");
		Reply remove = this.api.delete(members + ownerId, owner);
		assertThat(remove.status()).isEqualTo(409);
		assertThat(remove.code()).isEqualTo("auth.last_owner");

		this.api.addMember(owner, id, "second3@test.local", "developer");
		Reply promoted = this.api.patch(members + secondId, owner, Map.of("role", "owner"));
		assertThat(promoted.status()).isEqualTo(200);
		assertThat(promoted.body()).containsEntry("role", "owner").containsEntry("email", "second3@test.local");
		assertThat(this.api.patch(members + ownerId, owner, Map.of("role", "viewer")).status()).isEqualTo(200);
		Reply lastOne = this.api.delete(members + secondId, second);
		assertThat(lastOne.code()).isEqualTo("auth.last_owner");
		assertThat(this.api.delete(members + ownerId, second).status()).isEqualTo(204);
		assertThat(this.api.get("/auth/v1/projects/" + id, owner).code()).isEqualTo("auth.project_not_found");
	}

	@Test
	void refusesBadMemberChanges() {
		String owner = this.api.newAccount("owner4@test.local");
		this.api.newAccount("member4@test.local");
		UUID id = this.api.createProject(owner, "members");
		String members = "/auth/v1/projects/" + id + "/members";

		Reply unknown = this.api.post(members, owner, Map.of("email", "ghost@test.local", "role", "viewer"));
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.code()).isEqualTo("auth.account_not_found");
		Reply badRole = this.api.post(members, owner, Map.of("email", "member4@test.local", "role", "admin"));
		assertThat(badRole.status()).isEqualTo(400);
		assertThat(badRole.code()).isEqualTo("auth.invalid_role");
		this.api.addMember(owner, id, "member4@test.local", "viewer");
		Reply twice = this.api.post(members, owner, Map.of("email", "member4@test.local", "role", "viewer"));
		assertThat(twice.status()).isEqualTo(409);
		assertThat(twice.code()).isEqualTo("auth.member_exists");
		Reply notMember = this.api.delete(members + "/" + UUID.randomUUID(), owner);
		assertThat(notMember.status()).isEqualTo(404);
		assertThat(notMember.code()).isEqualTo("auth.member_not_found");
	}

	@Test
	void refusesBadInput() {
		String token = this.api.newAccount("input@test.local");
		Reply malformed = this.api.post("/auth/v1/projects", token, "{\"name\": [");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.code()).isEqualTo("request.malformed_body");

		Reply missing = this.api.post("/auth/v1/projects", token, Map.of("allowedOrigins", List.of()));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.code()).isEqualTo("request.validation_failed");
		assertThat(missing.errors()).extracting((error) -> error.get("field")).containsExactly("name");

		for (String origin : List.of("https://example.com/path", "example.com", "https://user@example.com",
				"https://example.com?q=1", "http://")) {
			Reply invalid = this.api.post("/auth/v1/projects", token,
					Map.of("name", "bad origin", "allowedOrigins", List.of(origin)));
			assertThat(invalid.status()).as(origin).isEqualTo(400);
			assertThat(invalid.code()).as(origin).isEqualTo("auth.invalid_origin");
		}
		UUID id = this.api.createProject(token, "patched");
		Reply blankName = this.api.patch("/auth/v1/projects/" + id, token, Map.of("name", "   "));
		assertThat(blankName.status()).isEqualTo(400);
		assertThat(blankName.errors()).extracting((error) -> error.get("field")).containsExactly("name");
		Reply badOrigin = this.api.patch("/auth/v1/projects/" + id, token,
				Map.of("allowedOrigins", List.of("ftp:/nohost")));
		assertThat(badOrigin.code()).isEqualTo("auth.invalid_origin");
		Reply badId = this.api.get("/auth/v1/projects/not-a-uuid", token);
		assertThat(badId.status()).isEqualTo(400);
		assertThat(badId.code()).isEqualTo("request.invalid_parameter");
		Reply noProject = this.api.post("/auth/v1/projects", this.api.keyToken(token, id, "secret"),
				Map.of("name", "by key"));
		assertThat(noProject.status()).isEqualTo(403);
		assertThat(noProject.code()).isEqualTo("auth.account_required");
	}

	@Test
	void replaysCreationWithSameIdempotencyKey() {
		String token = this.api.newAccount("idem@test.local");
		Reply first = this.api.send(HttpMethod.POST, "/auth/v1/projects", token, Map.of("name", "once"), "key-1");
		Reply second = this.api.send(HttpMethod.POST, "/auth/v1/projects", token, Map.of("name", "once"), "key-1");
		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.string("id")).isEqualTo(first.string("id"));
		assertThat(second.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(this.api.get("/auth/v1/projects", token).items()).hasSize(1);
	}

}
