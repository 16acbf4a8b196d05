package dev.springbase.storage.access;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.springbase.storage.StorageClient.Reply;
import dev.springbase.storage.StorageServiceTests;

import static org.assertj.core.api.Assertions.assertThat;

class AccessRuleTests extends StorageServiceTests {

	@Test
	void publishableKeyAloneReadsPublicBucketsOnly() {
		bucket("public-assets", true, null);
		bucket("private-assets", false, null);
		this.api.put("/storage/v1/object/public-assets/logo.txt", this.secret, "logo".getBytes());
		this.api.put("/storage/v1/object/private-assets/plan.txt", this.secret, "plan".getBytes());
		String anon = auth.publishableKeyToken(this.project);

		Reply publicRead = this.api.get("/storage/v1/object/public-assets/logo.txt", anon);
		assertThat(publicRead.status()).isEqualTo(200);
		assertThat(publicRead.text()).isEqualTo("logo");

		Reply privateRead = this.api.get("/storage/v1/object/private-assets/plan.txt", anon);
		assertThat(privateRead.status()).isEqualTo(403);
		assertThat(privateRead.code()).isEqualTo("storage.access_denied");
		assertThat(privateRead.text()).doesNotContain("plan\"");

		Reply publicWrite = this.api.put("/storage/v1/object/public-assets/new.txt", anon, "x".getBytes());
		assertThat(publicWrite.status()).isEqualTo(403);
		assertThat(this.api.delete("/storage/v1/object/public-assets/logo.txt", anon).status()).isEqualTo(403);
	}

	@Test
	void signedInUserReadsAndWritesUnderOwnIdByDefault() {
		bucket("user-files", false, null);
		String alice = UUID.randomUUID().toString();
		String bob = UUID.randomUUID().toString();
		String aliceToken = auth.userToken(this.project, alice);
		String bobToken = auth.userToken(this.project, bob);

		Reply own = this.api.put("/storage/v1/object/user-files/" + alice + "/diary.txt", aliceToken,
				"dear diary".getBytes());
		assertThat(own.status()).isEqualTo(201);
		assertThat(own.json()).containsEntry("owner", alice);
		assertThat(this.api.get("/storage/v1/object/user-files/" + alice + "/diary.txt", aliceToken).text())
			.isEqualTo("dear diary");

		Reply elsewhere = this.api.put("/storage/v1/object/user-files/shared/diary.txt", aliceToken, "x".getBytes());
		assertThat(elsewhere.status()).isEqualTo(403);
		assertThat(elsewhere.code()).isEqualTo("storage.access_denied");

		Reply wrongOwner = this.api.get("/storage/v1/object/user-files/" + alice + "/diary.txt", bobToken);
		assertThat(wrongOwner.status()).isEqualTo(403);
		Reply overwrite = this.api.put("/storage/v1/object/user-files/" + alice + "/diary.txt", bobToken,
				"mine now".getBytes(), "x-upsert", "true");
		assertThat(overwrite.status()).isEqualTo(403);
		assertThat(this.api.delete("/storage/v1/object/user-files/" + alice + "/diary.txt", bobToken).status())
			.isEqualTo(403);

		Reply ownListing = this.api.get("/storage/v1/bucket/user-files/objects?prefix=" + alice + "/", aliceToken);
		assertThat(ownListing.status()).isEqualTo(200);
		assertThat((List<?>) ownListing.json().get("items")).hasSize(1);
		Reply fullListing = this.api.get("/storage/v1/bucket/user-files/objects", aliceToken);
		assertThat(fullListing.status()).isEqualTo(403);
		Reply prefixTrick = this.api.get("/storage/v1/bucket/user-files/objects?prefix=" + alice, bobToken);
		assertThat(prefixTrick.status()).isEqualTo(403);
	}

	@Test
	void bucketRulesOpenOrNarrowWhatUsersMayDo() {
		bucket("gallery", false, Map.of("authenticatedRead", "all", "authenticatedWrite", "own"));
		bucket("read-only", false, Map.of("authenticatedRead", "all", "authenticatedWrite", "none"));
		String alice = UUID.randomUUID().toString();
		String bob = UUID.randomUUID().toString();
		this.api.put("/storage/v1/object/gallery/" + alice + "/sunset.txt", auth.userToken(this.project, alice),
				"sunset".getBytes());

		Reply bobReads = this.api.get("/storage/v1/object/gallery/" + alice + "/sunset.txt",
				auth.userToken(this.project, bob));
		assertThat(bobReads.status()).isEqualTo(200);
		assertThat(this.api.get("/storage/v1/bucket/gallery/objects", auth.userToken(this.project, bob)).status())
			.isEqualTo(200);

		Reply ownWriteRefused = this.api.put("/storage/v1/object/read-only/" + bob + "/x.txt",
				auth.userToken(this.project, bob), "x".getBytes());
		assertThat(ownWriteRefused.status()).isEqualTo(403);

		// A publishable key still reads nothing of a private bucket.
		assertThat(this.api
			.get("/storage/v1/object/gallery/" + alice + "/sunset.txt", auth.publishableKeyToken(this.project))
			.status()).isEqualTo(403);
	}

	@Test
	void consoleViewerReadsButDoesNotWriteObjects() {
		bucket("console-files", false, null);
		this.api.put("/storage/v1/object/console-files/a.txt", this.secret, "a".getBytes());
		UUID viewer = UUID.randomUUID();
		auth.addMember(this.project, viewer, "viewer");
		String token = auth.accountToken(viewer, false);
		assertThat(
				this.api.get("/storage/v1/object/console-files/a.txt", token, "X-Project-Id", this.project.toString())
					.status())
			.isEqualTo(200);
		assertThat(this.api
			.put("/storage/v1/object/console-files/b.txt", token, "b".getBytes(), "X-Project-Id",
					this.project.toString())
			.status()).isEqualTo(403);
	}

	@Test
	void anotherProjectsKeysAndUsersGetNotFoundNeverData() {
		bucket("shared-name", true, null);
		this.api.put("/storage/v1/object/shared-name/doc.txt", this.secret, "project A data".getBytes());
		UUID other = UUID.randomUUID();
		for (String token : List.of(auth.secretKeyToken(other), auth.publishableKeyToken(other),
				auth.userToken(other, UUID.randomUUID().toString()))) {
			Reply read = this.api.get("/storage/v1/object/shared-name/doc.txt", token);
			assertThat(read.status()).isEqualTo(404);
			assertThat(read.code()).isEqualTo("storage.bucket_not_found");
			assertThat(read.text()).doesNotContain("project A data");
			assertThat(this.api.delete("/storage/v1/object/shared-name/doc.txt", token).status()).isEqualTo(404);
			assertThat(this.api.get("/storage/v1/bucket/shared-name/objects", token).status()).isEqualTo(404);
		}
		// The same bucket name in the other project is a different bucket.
		String otherSecret = auth.secretKeyToken(other);
		this.api.json("POST", "/storage/v1/bucket", otherSecret, Map.of("name", "shared-name"));
		assertThat(this.api.get("/storage/v1/object/shared-name/doc.txt", otherSecret).status()).isEqualTo(404);
		Reply copyAcross = this.api.json("POST", "/storage/v1/object/copy", otherSecret,
				Map.of("bucket", "shared-name", "sourceKey", "doc.txt", "destinationKey", "stolen.txt"));
		assertThat(copyAcross.status()).isEqualTo(404);
		assertThat(this.api.get("/storage/v1/object/shared-name/doc.txt", this.secret).text())
			.isEqualTo("project A data");
	}

	private void bucket(String name, boolean isPublic, Map<String, String> rules) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "public", isPublic));
		if (rules != null) {
			body.put("accessRules", rules);
		}
		assertThat(this.api.json("POST", "/storage/v1/bucket", this.secret, body).status()).isEqualTo(201);
	}

}
