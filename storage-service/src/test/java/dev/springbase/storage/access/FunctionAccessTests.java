package dev.springbase.storage.access;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.springbase.storage.StorageClient.Reply;
import dev.springbase.storage.StorageServiceTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployed function calls with the token the auth service minted for it: full access
 * within its project, like a secret key, and nothing of other projects.
 */
class FunctionAccessTests extends StorageServiceTests {

	@Test
	void aFunctionReadsAndWritesEveryObjectOfItsProject() {
		String function = auth.functionToken(this.project, UUID.randomUUID());
		assertThat(this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "photos")).status())
			.isEqualTo(201);
		String userId = UUID.randomUUID().toString();
		this.api.put("/storage/v1/object/photos/" + userId + "/cat.txt", auth.userToken(this.project, userId),
				"a user's cat".getBytes());

		Reply written = this.api.put("/storage/v1/object/photos/thumbnails/cat.txt", function, "small cat".getBytes(),
				"x-upsert", "true");
		Reply usersObject = this.api.get("/storage/v1/object/photos/" + userId + "/cat.txt", function);
		Reply listing = this.api.get("/storage/v1/bucket/photos/objects", function);
		Reply deleted = this.api.delete("/storage/v1/object/photos/" + userId + "/cat.txt", function);

		assertThat(written.status()).isEqualTo(201);
		assertThat(written.json()).containsEntry("owner", null);
		assertThat(usersObject.text()).isEqualTo("a user's cat");
		assertThat((List<?>) listing.json().get("items")).hasSize(2);
		assertThat(deleted.status()).isEqualTo(204);
	}

	@Test
	void aFunctionOfAnotherProjectFindsNothing() {
		assertThat(this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "private")).status())
			.isEqualTo(201);
		this.api.put("/storage/v1/object/private/plan.txt", this.secret, "the plan".getBytes());
		String foreign = auth.functionToken(UUID.randomUUID(), UUID.randomUUID());

		Reply read = this.api.get("/storage/v1/object/private/plan.txt", foreign);
		Reply listing = this.api.get("/storage/v1/bucket/private/objects", foreign);
		Reply overwrite = this.api.put("/storage/v1/object/private/plan.txt", foreign, "mine".getBytes(), "x-upsert",
				"true");
		Reply delete = this.api.delete("/storage/v1/object/private/plan.txt", foreign);

		for (Reply refused : List.of(read, listing, overwrite, delete)) {
			assertThat(refused.status()).isEqualTo(404);
			assertThat(refused.code()).isEqualTo("storage.bucket_not_found");
		}
		assertThat(this.api.get("/storage/v1/object/private/plan.txt", this.secret).text()).isEqualTo("the plan");
	}

}
