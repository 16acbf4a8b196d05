package dev.springbase.storage.buckets;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.springbase.storage.StorageClient.Reply;
import dev.springbase.storage.StorageServiceTests;

import static org.assertj.core.api.Assertions.assertThat;

class BucketTests extends StorageServiceTests {

	@Test
	void secretKeyCreatesGetsUpdatesAndDeletesBucket() {
		Reply created = this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "avatars", "public",
				true, "maxObjectSize", 1024, "allowedMimeTypes", List.of("image/*", "application/pdf")));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/storage/v1/bucket/avatars");
		assertThat(created.json()).containsEntry("name", "avatars")
			.containsEntry("public", true)
			.containsEntry("maxObjectSize", 1024)
			.containsEntry("allowedMimeTypes", List.of("image/*", "application/pdf"))
			.containsEntry("accessRules", Map.of("authenticatedRead", "own", "authenticatedWrite", "own"));

		Reply updated = this.api.json("PATCH", "/storage/v1/bucket/avatars", this.secret, Map.of("public", false,
				"accessRules", Map.of("authenticatedRead", "all", "authenticatedWrite", "own")));
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json()).containsEntry("public", false).containsEntry("maxObjectSize", 1024);

		Reply fetched = this.api.get("/storage/v1/bucket/avatars", this.secret);
		assertThat(fetched.json()).containsEntry("public", false)
			.containsEntry("accessRules", Map.of("authenticatedRead", "all", "authenticatedWrite", "own"));

		assertThat(this.api.delete("/storage/v1/bucket/avatars", this.secret).status()).isEqualTo(204);
		Reply gone = this.api.get("/storage/v1/bucket/avatars", this.secret);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.code()).isEqualTo("storage.bucket_not_found");
	}

	@Test
	void listsBucketsInCursorPages() {
		for (String name : List.of("one", "two", "three")) {
			assertThat(this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", name)).status())
				.isEqualTo(201);
		}
		Reply first = this.api.get("/storage/v1/bucket?limit=2", this.secret);
		assertThat((List<?>) first.json().get("items")).hasSize(2);
		String cursor = (String) first.json().get("nextCursor");
		Reply second = this.api.get("/storage/v1/bucket?limit=2&cursor=" + cursor, this.secret);
		assertThat((List<?>) second.json().get("items")).hasSize(1);
		assertThat(second.json().get("nextCursor")).isNull();
	}

	@Test
	void refusesDuplicateNameAndBadSettings() {
		this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "docs"));
		Reply duplicate = this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "docs"));
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.code()).isEqualTo("storage.bucket_exists");

		Reply badName = this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "Bad/Name"));
		assertThat(badName.status()).isEqualTo(400);
		assertThat(badName.code()).isEqualTo("request.validation_failed");

		Reply reserved = this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "signed"));
		assertThat(reserved.status()).isEqualTo(400);
		assertThat(reserved.code()).isEqualTo("storage.bucket_name_reserved");

		Reply badType = this.api.json("POST", "/storage/v1/bucket", this.secret,
				Map.of("name", "pics", "allowedMimeTypes", List.of("image")));
		assertThat(badType.status()).isEqualTo(400);

		Reply badRule = this.api.json("POST", "/storage/v1/bucket", this.secret,
				Map.of("name", "pics", "accessRules", Map.of("authenticatedRead", "everyone")));
		assertThat(badRule.status()).isEqualTo(400);
		assertThat(badRule.code()).isEqualTo("storage.invalid_access_rule");
	}

	@Test
	void onlyAdminsManageBuckets() {
		this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "private"));
		Reply anon = this.api.json("POST", "/storage/v1/bucket", auth.publishableKeyToken(this.project),
				Map.of("name", "mine"));
		assertThat(anon.status()).isEqualTo(403);
		assertThat(anon.code()).isEqualTo("storage.admin_required");
		Reply user = this.api.get("/storage/v1/bucket", auth.userToken(this.project, UUID.randomUUID().toString()));
		assertThat(user.status()).isEqualTo(403);
		Reply unauthenticated = this.api.get("/storage/v1/bucket", null);
		assertThat(unauthenticated.status()).isEqualTo(401);
		assertThat(unauthenticated.code()).isEqualTo("auth.unauthenticated");
	}

	@Test
	void consoleMembersActByTheirRoleInTheNamedProject() {
		UUID developer = UUID.randomUUID();
		UUID viewer = UUID.randomUUID();
		auth.addMember(this.project, developer, "developer");
		auth.addMember(this.project, viewer, "viewer");
		String header = "X-Project-Id";

		Reply created = this.api.json("POST", "/storage/v1/bucket", auth.accountToken(developer, false),
				Map.of("name", "console"), header, this.project.toString());
		assertThat(created.status()).isEqualTo(201);

		Reply viewerReads = this.api.get("/storage/v1/bucket/console", auth.accountToken(viewer, false), header,
				this.project.toString());
		assertThat(viewerReads.status()).isEqualTo(200);
		Reply viewerWrites = this.api.json("PATCH", "/storage/v1/bucket/console", auth.accountToken(viewer, false),
				Map.of("public", true), header, this.project.toString());
		assertThat(viewerWrites.status()).isEqualTo(403);
		assertThat(viewerWrites.code()).isEqualTo("storage.admin_required");

		Reply noHeader = this.api.get("/storage/v1/bucket", auth.accountToken(developer, false));
		assertThat(noHeader.status()).isEqualTo(400);
		assertThat(noHeader.code()).isEqualTo("storage.project_required");

		Reply outsider = this.api.get("/storage/v1/bucket", auth.accountToken(UUID.randomUUID(), false), header,
				this.project.toString());
		assertThat(outsider.status()).isEqualTo(404);
		assertThat(outsider.code()).isEqualTo("storage.project_not_found");

		Reply admin = this.api.get("/storage/v1/bucket/console", auth.accountToken(UUID.randomUUID(), true), header,
				this.project.toString());
		assertThat(admin.status()).isEqualTo(200);
	}

	@Test
	void anotherProjectsKeyNeverSeesTheBucket() {
		this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "secret-stuff"));
		UUID other = UUID.randomUUID();
		Reply fetched = this.api.get("/storage/v1/bucket/secret-stuff", auth.secretKeyToken(other));
		assertThat(fetched.status()).isEqualTo(404);
		assertThat(fetched.code()).isEqualTo("storage.bucket_not_found");
		Reply deleted = this.api.delete("/storage/v1/bucket/secret-stuff", auth.secretKeyToken(other));
		assertThat(deleted.status()).isEqualTo(404);
		Reply namedOther = this.api.get("/storage/v1/bucket", auth.secretKeyToken(other), "X-Project-Id",
				this.project.toString());
		assertThat(namedOther.status()).isEqualTo(404);
		assertThat(this.api.get("/storage/v1/bucket/secret-stuff", this.secret).status()).isEqualTo(200);
	}

}
