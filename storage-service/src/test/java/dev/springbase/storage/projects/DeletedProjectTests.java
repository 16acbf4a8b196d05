package dev.springbase.storage.projects;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.platform.events.EventPublisher;
import dev.springbase.platform.events.NewEvent;
import dev.springbase.platform.events.ProjectRemoval;
import dev.springbase.storage.StorageClient.Reply;
import dev.springbase.storage.StorageServiceTests;
import dev.springbase.storage.blobs.BlobStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deleted project's buckets, objects, bytes, usage and unfinished uploads go; another
 * project's stay.
 */
class DeletedProjectTests extends StorageServiceTests {

	@Autowired
	EventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	BlobStore blobs;

	@Test
	void removesEverythingTheProjectStoredAndNothingElse() throws Exception {
		UUID other = UUID.randomUUID();
		String otherSecret = auth.secretKeyToken(other);
		for (String token : new String[] { this.secret, otherSecret }) {
			assertThat(this.api.json("POST", "/storage/v1/bucket", token, Map.of("name", "docs")).status())
				.isEqualTo(201);
			for (int i = 0; i < 3; i++) {
				assertThat(this.api.put("/storage/v1/object/docs/file-" + i + ".txt", token, ("bytes " + i).getBytes())
					.status()).isEqualTo(201);
			}
		}
		Reply upload = this.api.send("POST", "/storage/v1/upload/resumable", this.secret, BodyPublishers.noBody(),
				"Tus-Resumable", "1.0.0", "Upload-Length", "10", "Upload-Metadata",
				"bucketName ZG9jcw==,objectName YmlnLmJpbg==");
		assertThat(upload.status()).isEqualTo(201);
		List<String> blobKeys = this.jdbc.sql("select blob_key from objects where project_id = :project")
			.param("project", this.project)
			.query(String.class)
			.list();
		assertThat(blobKeys).hasSize(3);

		this.transactions.executeWithoutResult((status) -> this.events.publish(NewEvent.of(ProjectRemoval.EVENT_TYPE,
				this.project, this.project.toString(), Map.of("project", Map.of("id", this.project)))));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(count("buckets", this.project)).isZero());
		assertThat(count("objects", this.project)).isZero();
		assertThat(count("project_usage", this.project)).isZero();
		for (String key : blobKeys) {
			assertThat(this.blobs.exists(key)).as(key).isFalse();
		}
		assertThat(this.jdbc
			.sql("select count(*) from resumable_uploads where project_id = :project and expires_at > now()")
			.param("project", this.project)
			.query(Long.class)
			.single()).as("unfinished uploads expire").isZero();

		Reply gone = this.api.get("/storage/v1/object/docs/file-0.txt", this.secret);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(count("objects", other)).isEqualTo(3);
		Reply kept = this.api.get("/storage/v1/object/docs/file-2.txt", otherSecret);
		assertThat(kept.status()).isEqualTo(200);
		assertThat(kept.text()).isEqualTo("bytes 2");
	}

	private long count(String table, UUID project) {
		return this.jdbc.sql("select count(*) from " + table + " where project_id = :project")
			.param("project", project)
			.query(Long.class)
			.single();
	}

}
