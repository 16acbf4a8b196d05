package dev.springbase.storage.objects;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.springbase.storage.blobs.BlobStore;
import dev.springbase.storage.config.StorageProperties;

/**
 * Deletes blobs that no object row references: a crash between writing a blob and
 * committing its row, or a failed delete after a commit, leaves one behind. Only keys of
 * the form this service makes ({@code <project id>/<blob id>}) are touched, so other
 * files in a shared S3 bucket are safe, and only blobs older than the grace period, so an
 * upload whose row is about to commit keeps its blob. Several instances may sweep at
 * once: deleting an unreferenced blob twice is harmless.
 */
@Component
class OrphanedBlobs {

	private static final Logger log = LoggerFactory.getLogger(OrphanedBlobs.class);

	private static final Pattern BLOB_KEY = Pattern.compile("[0-9a-f-]{36}/[0-9a-f-]{36}");

	private static final int BATCH = 500;

	private final BlobStore blobs;

	private final ObjectRepository objects;

	private final StorageProperties.Orphans settings;

	private final Counter deleted;

	OrphanedBlobs(BlobStore blobs, ObjectRepository objects, StorageProperties properties, MeterRegistry meters) {
		this.blobs = blobs;
		this.objects = objects;
		this.settings = properties.orphans();
		this.deleted = Counter.builder("springbase.storage.orphaned_blobs.deleted")
			.description("Blobs deleted because no object referenced them")
			.register(meters);
	}

	@Scheduled(initialDelayString = "PT10M", fixedDelayString = "${springbase.storage.orphans.interval:6h}")
	void sweep() {
		try {
			int removed = sweep(Instant.now().minus(this.settings.grace()));
			if (removed > 0) {
				log.info("Deleted {} blobs that no object referenced", removed);
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Sweeping unreferenced blobs failed; the next sweep tries again", ex);
		}
	}

	/** Deletes unreferenced blobs written before the instant; returns how many. */
	int sweep(Instant writtenBefore) throws IOException {
		int removed = 0;
		try (Stream<String> keys = this.blobs.keysWrittenBefore(writtenBefore)) {
			Iterator<String> candidates = keys.filter((key) -> BLOB_KEY.matcher(key).matches()).iterator();
			List<String> batch = new ArrayList<>(BATCH);
			while (candidates.hasNext()) {
				batch.add(candidates.next());
				if (batch.size() == BATCH || !candidates.hasNext()) {
					removed += deleteUnreferenced(batch);
					batch.clear();
				}
			}
		}
		return removed;
	}

	private int deleteUnreferenced(List<String> keys) throws IOException {
		Set<String> referenced = this.objects.referencedBlobKeys(keys);
		int removed = 0;
		for (String key : keys) {
			if (!referenced.contains(key)) {
				this.blobs.delete(key);
				this.deleted.increment();
				removed++;
			}
		}
		return removed;
	}

}
