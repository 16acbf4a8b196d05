package dev.springbase.storage.signing;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import dev.springbase.storage.StorageClient.Reply;
import dev.springbase.storage.StorageServiceTests;
import dev.springbase.testsupport.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

@Import(MovableClock.Configuration.class)
class SignedUrlTests extends StorageServiceTests {

	@Autowired
	MovableClock clock;

	@BeforeEach
	void privateBucketWithObject() {
		this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "reports"));
		this.api.put("/storage/v1/object/reports/q1/summary.txt", this.secret, "quarterly numbers".getBytes());
	}

	@Test
	void signedDownloadUrlServesTheObjectWithoutCredentials() {
		String url = sign("/storage/v1/object/sign/reports/q1/summary.txt", 60);
		assertThat(url).startsWith("/storage/v1/object/signed/reports/q1/summary.txt?token=");
		Reply download = this.api.get(url, null);
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.text()).isEqualTo("quarterly numbers");
		Reply ranged = this.api.get(url, null, "Range", "bytes=0-8");
		assertThat(ranged.status()).isEqualTo(206);
		assertThat(ranged.text()).isEqualTo("quarterly");
	}

	@Test
	void refusesExpiredSignedUrls() {
		String url = sign("/storage/v1/object/sign/reports/q1/summary.txt", 60);
		this.clock.advance(Duration.ofSeconds(61));
		Reply expired = this.api.get(url, null);
		assertThat(expired.status()).isEqualTo(403);
		assertThat(expired.code()).isEqualTo("storage.signed_url_expired");
		assertThat(expired.text()).doesNotContain("quarterly numbers");
	}

	@Test
	void refusesAlteredSignedUrls() {
		this.api.put("/storage/v1/object/reports/q1/salaries.txt", this.secret, "confidential".getBytes());
		String url = sign("/storage/v1/object/sign/reports/q1/summary.txt", 60);

		Reply otherKey = this.api.get(url.replace("summary.txt", "salaries.txt"), null);
		assertThat(otherKey.status()).isEqualTo(403);
		assertThat(otherKey.code()).isEqualTo("storage.signed_url_invalid");

		String token = url.substring(url.indexOf("token=") + 6);
		// Every other last character: those that decode to the same bytes too.
		char last = token.charAt(token.length() - 1);
		for (char other : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()) {
			if (other != last) {
				String tampered = url.substring(0, url.length() - 1) + other;
				assertThat(this.api.get(tampered, null).status()).as("last character %s", other).isEqualTo(403);
			}
		}

		String payload = token.substring(0, token.indexOf('.'));
		String forgedPayload = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(
					new String(java.util.Base64.getUrlDecoder().decode(payload)).replace("summary.txt", "salaries.txt")
						.getBytes());
		Reply forged = this.api.get("/storage/v1/object/signed/reports/q1/salaries.txt?token=" + forgedPayload
				+ token.substring(token.indexOf('.')), null);
		assertThat(forged.status()).isEqualTo(403);

		Reply asUpload = this.api.put(url.replace("/object/signed/", "/object/upload/signed/"), null,
				"overwrite".getBytes());
		assertThat(asUpload.status()).isEqualTo(403);
		assertThat(this.api.get("/storage/v1/object/signed/reports/q1/summary.txt", null).status()).isEqualTo(403);
	}

	@Test
	void signedUploadUrlStoresOneObjectOnceAsTheSigner() {
		String user = UUID.randomUUID().toString();
		String userToken = auth.userToken(this.project, user);
		this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "inbox"));
		Reply signed = this.api.json("POST", "/storage/v1/object/upload/sign/inbox/" + user + "/photo.txt", userToken,
				Map.of("expiresIn", 300));
		assertThat(signed.status()).isEqualTo(200);
		String url = (String) signed.json().get("signedUrl");

		Reply uploaded = this.api.put(url, null, "uploaded via signed url".getBytes());
		assertThat(uploaded.status()).isEqualTo(201);
		assertThat(uploaded.json()).containsEntry("owner", user);
		assertThat(this.api.get("/storage/v1/object/inbox/" + user + "/photo.txt", userToken).text())
			.isEqualTo("uploaded via signed url");

		Reply again = this.api.put(url, null, "second".getBytes());
		assertThat(again.status()).isEqualTo(409);

		Reply elsewhere = this.api.put(url.replace("photo.txt", "other.txt"), null, "x".getBytes());
		assertThat(elsewhere.status()).isEqualTo(403);

		Reply notOwn = this.api.json("POST", "/storage/v1/object/upload/sign/inbox/someone-else/photo.txt", userToken,
				Map.of("expiresIn", 300));
		assertThat(notOwn.status()).isEqualTo(403);
		assertThat(notOwn.code()).isEqualTo("storage.access_denied");
	}

	@Test
	void onlyThoseWhoMayReadCanSign() {
		Reply anon = this.api.json("POST", "/storage/v1/object/sign/reports/q1/summary.txt",
				auth.publishableKeyToken(this.project), Map.of("expiresIn", 60));
		assertThat(anon.status()).isEqualTo(403);
		Reply otherProject = this.api.json("POST", "/storage/v1/object/sign/reports/q1/summary.txt",
				auth.secretKeyToken(UUID.randomUUID()), Map.of("expiresIn", 60));
		assertThat(otherProject.status()).isEqualTo(404);
		Reply tooLong = this.api.json("POST", "/storage/v1/object/sign/reports/q1/summary.txt", this.secret,
				Map.of("expiresIn", 365 * 24 * 3600));
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.code()).isEqualTo("storage.invalid_expiry");
	}

	private String sign(String path, int seconds) {
		Reply signed = this.api.json("POST", path, this.secret, Map.of("expiresIn", seconds));
		assertThat(signed.status()).isEqualTo(200);
		return (String) signed.json().get("signedUrl");
	}

}
