package dev.springbase.storage.projects;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.platform.events.ProjectRemoval;
import dev.springbase.storage.blobs.BlobStore;

/**
 * Removes a deleted project's buckets, objects and their bytes, its usage and its
 * resumable uploads. Objects go in batches, each in its own transaction followed by the
 * deletion of its blobs, so a project of any size is removed without one long
 * transaction; a crash midway redelivers the event and the removal carries on where it
 * stopped. A blob whose deletion fails is left to the orphaned-blob sweep.
 */
@Component
class DeletedProjects implements ProjectRemoval {

	private static final Logger log = LoggerFactory.getLogger(DeletedProjects.class);

	private static final int BATCH = 1000;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final BlobStore blobs;

	DeletedProjects(JdbcClient jdbc, TransactionTemplate transactions, BlobStore blobs) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.blobs = blobs;
	}

	@Override
	public void remove(UUID project) {
		long objects = 0;
		for (List<String> batch = deleteObjects(project); !batch.isEmpty(); batch = deleteObjects(project)) {
			batch.forEach(this.blobs::deleteUnreferenced);
			objects += batch.size();
		}
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("delete from buckets where project_id = :project").param("project", project).update();
			this.jdbc.sql("delete from project_usage where project_id = :project").param("project", project).update();
			// The upload sweep removes expired uploads with their partial files.
			this.jdbc.sql("update resumable_uploads set expires_at = now() where project_id = :project")
				.param("project", project)
				.update();
		});
		log.info("Removed the storage of deleted project {}: {} objects", project, objects);
	}

	/** Deletes up to a batch of the project's objects; returns their blob keys. */
	private List<String> deleteObjects(UUID project) {
		return this.transactions.execute((status) -> this.jdbc.sql("""
				delete from objects where id in (
				  select o.id from objects o join buckets b on b.id = o.bucket_id
				  where b.project_id = :project limit :batch)
				returning blob_key""").param("project", project).param("batch", BATCH).query(String.class).list());
	}

}
