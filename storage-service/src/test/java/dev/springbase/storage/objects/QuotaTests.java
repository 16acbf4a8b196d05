package dev.springbase.storage.objects;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.springbase.storage.StorageClient.Reply;
import dev.springbase.storage.StorageServiceTests;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(
		properties = { "springbase.storage.quota.max-bytes=1000B", "springbase.storage.quota.max-objects=3" })
class QuotaTests extends StorageServiceTests {

	@BeforeEach
	void bucket() {
		this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "quota"));
	}

	@Test
	void refusesUploadPastTheProjectsByteQuotaWhileStreaming() {
		assertThat(this.api.put("/storage/v1/object/quota/a", this.secret, new byte[600]).status()).isEqualTo(201);
		Reply streamed = this.api.send("PUT", "/storage/v1/object/quota/b", this.secret,
				BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[600])));
		assertThat(streamed.status()).isEqualTo(413);
		assertThat(streamed.code()).isEqualTo("storage.quota_exceeded");
		assertThat(this.api.get("/storage/v1/object/quota/b", this.secret).status()).isEqualTo(404);

		// Replacing an object frees its bytes first.
		Reply replaced = this.api.put("/storage/v1/object/quota/a", this.secret, new byte[900], "x-upsert", "true");
		assertThat(replaced.status()).isEqualTo(201);
	}

	@Test
	void refusesObjectsPastTheProjectsObjectQuota() {
		for (String key : new String[] { "1", "2", "3" }) {
			assertThat(this.api.put("/storage/v1/object/quota/" + key, this.secret, new byte[1]).status())
				.isEqualTo(201);
		}
		Reply fourth = this.api.put("/storage/v1/object/quota/4", this.secret, new byte[1]);
		assertThat(fourth.status()).isEqualTo(403);
		assertThat(fourth.code()).isEqualTo("storage.quota_exceeded");

		assertThat(this.api.delete("/storage/v1/object/quota/1", this.secret).status()).isEqualTo(204);
		assertThat(this.api.put("/storage/v1/object/quota/4", this.secret, new byte[1]).status()).isEqualTo(201);
	}

	@Test
	void quotasAreCountedPerProject() {
		assertThat(this.api.put("/storage/v1/object/quota/big", this.secret, new byte[900]).status()).isEqualTo(201);
		String otherSecret = auth.secretKeyToken(java.util.UUID.randomUUID());
		this.api.json("POST", "/storage/v1/bucket", otherSecret, Map.of("name", "quota"));
		assertThat(this.api.put("/storage/v1/object/quota/big", otherSecret, new byte[900]).status()).isEqualTo(201);
	}

	@Test
	void showsUsageToMembersAndLetsOnlyPlatformAdminsChangeLimits() {
		this.api.put("/storage/v1/object/quota/a", this.secret, new byte[600]);
		Reply usage = this.api.get("/storage/v1/usage", this.secret);
		assertThat(usage.status()).isEqualTo(200);
		assertThat(usage.json()).containsEntry("bytes", 600)
			.containsEntry("objects", 1)
			.containsEntry("maxBytes", 1000)
			.containsEntry("maxObjects", 3)
			.containsEntry("defaultLimits", true);
		UUID viewer = UUID.randomUUID();
		auth.addMember(this.project, viewer, "viewer");
		String viewerToken = auth.accountToken(viewer, false);
		assertThat(this.api.get("/storage/v1/usage", viewerToken, "X-Project-Id", this.project.toString()).status())
			.isEqualTo(200);
		assertThat(this.api.get("/storage/v1/usage", auth.publishableKeyToken(this.project)).status()).isEqualTo(403);

		Map<String, Object> raise = Map.of("maxBytes", 2000, "maxObjects", 10);
		Reply bySecretKey = this.api.json("PUT", "/storage/v1/usage/limits", this.secret, raise);
		assertThat(bySecretKey.status()).isEqualTo(403);
		assertThat(bySecretKey.code()).isEqualTo("storage.platform_admin_required");
		UUID owner = UUID.randomUUID();
		auth.addMember(this.project, owner, "owner");
		assertThat(this.api
			.json("PUT", "/storage/v1/usage/limits", auth.accountToken(owner, false), raise, "X-Project-Id",
					this.project.toString())
			.status()).isEqualTo(403);
		assertThat(this.api.put("/storage/v1/object/quota/b", this.secret, new byte[600]).status()).isEqualTo(413);

		String platformAdmin = auth.accountToken(UUID.randomUUID(), true);
		Reply raised = this.api.json("PUT", "/storage/v1/usage/limits", platformAdmin, raise, "X-Project-Id",
				this.project.toString());
		assertThat(raised.status()).isEqualTo(200);
		assertThat(raised.json()).containsEntry("maxBytes", 2000).containsEntry("defaultLimits", false);
		assertThat(this.api.put("/storage/v1/object/quota/b", this.secret, new byte[600]).status()).isEqualTo(201);

		Reply negative = this.api.json("PUT", "/storage/v1/usage/limits", platformAdmin, Map.of("maxBytes", -1),
				"X-Project-Id", this.project.toString());
		assertThat(negative.status()).isEqualTo(400);
		Reply reset = this.api.json("PUT", "/storage/v1/usage/limits", platformAdmin, Map.of(), "X-Project-Id",
				this.project.toString());
		assertThat(reset.json()).containsEntry("maxBytes", 1000).containsEntry("defaultLimits", true);
		assertThat(this.api.put("/storage/v1/object/quota/c", this.secret, new byte[1]).status()).isEqualTo(413);
	}

}
