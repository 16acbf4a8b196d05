package dev.springbase.storage.objects;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.springbase.storage.StorageClient.Reply;
import dev.springbase.storage.StorageServiceTests;
import dev.springbase.storage.blobs.BlobStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blobs that no object references are deleted once older than the grace period; blobs of
 * objects, young blobs and files the service did not make stay.
 */
class OrphanedBlobTests extends StorageServiceTests {

	@Autowired
	OrphanedBlobs orphans;

	@Autowired
	BlobStore blobs;

	@Test
	void deletesOnlyOldUnreferencedBlobsOfTheService() throws Exception {
		this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "docs"));
		Reply stored = this.api.put("/storage/v1/object/docs/kept.txt", this.secret, "kept".getBytes());
		assertThat(stored.status()).isEqualTo(201);
		String orphan = this.project + "/" + UUID.randomUUID();
		this.blobs.write(orphan, new ByteArrayInputStream("left by a crash".getBytes()));
		String foreign = "backups/" + UUID.randomUUID();
		this.blobs.write(foreign, new ByteArrayInputStream("not ours".getBytes()));

		assertThat(this.orphans.sweep(Instant.now().minusSeconds(3600))).as("younger than the grace period").isZero();
		assertThat(this.blobs.exists(orphan)).isTrue();

		assertThat(this.orphans.sweep(Instant.now().plusSeconds(5))).isEqualTo(1);
		assertThat(this.blobs.exists(orphan)).isFalse();
		assertThat(this.blobs.exists(foreign)).isTrue();
		Reply kept = this.api.get("/storage/v1/object/docs/kept.txt", this.secret);
		assertThat(kept.status()).isEqualTo(200);
		assertThat(kept.body()).isEqualTo("kept".getBytes());
	}

}
