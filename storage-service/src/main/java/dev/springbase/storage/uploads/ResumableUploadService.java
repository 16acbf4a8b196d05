package dev.springbase.storage.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import dev.springbase.platform.ids.Ids;
import dev.springbase.storage.access.Requester;
import dev.springbase.storage.config.StorageProperties;
import dev.springbase.storage.objects.ObjectService;
import dev.springbase.storage.objects.UploadOptions;

/**
 * tus uploads: created with their final length and object, appended to chunk by chunk on
 * local disk, and stored as an object through the same path as a plain upload once the
 * last byte arrives.
 */
@Service
class ResumableUploadService {

	private static final Logger log = LoggerFactory.getLogger(ResumableUploadService.class);

	private final UploadRepository uploads;

	private final PartialFiles partials;

	private final ObjectService objects;

	private final StorageProperties properties;

	private final Clock clock;

	ResumableUploadService(UploadRepository uploads, PartialFiles partials, ObjectService objects,
			StorageProperties properties, Clock clock) {
		this.uploads = uploads;
		this.partials = partials;
		this.objects = objects;
		this.properties = properties;
		this.clock = clock;
	}

	/** Checks up front everything a plain upload of this length would be checked for. */
	ResumableUpload create(Requester requester, String bucket, String key, long length, boolean upsert,
			@Nullable String cacheControl, @Nullable String rawMetadata) {
		this.objects.checkUpload(requester, bucket, key, length, upsert);
		Instant now = now();
		ResumableUpload upload = new ResumableUpload(Ids.newId(), requester.projectId(), bucket, key, length,
				requester.userId(), upsert, cacheControl, rawMetadata, now.plus(this.properties.uploads().expiry()),
				now);
		try {
			this.partials.create(upload.id());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.uploads.insert(upload);
		return upload;
	}

	ResumableUpload find(Requester requester, UUID id) {
		ResumableUpload upload = this.uploads.find(id).orElseThrow(() -> UploadException.notFound(id));
		boolean visible = upload.projectId().equals(requester.projectId()) && ((upload.owner() != null)
				? requester.isAdmin() || upload.owner().equals(requester.userId()) : requester.isAdmin());
		if (!visible || !this.partials.exists(id)) {
			throw UploadException.notFound(id);
		}
		if (upload.expiresAt().isBefore(now())) {
			throw UploadException.expired(id);
		}
		return upload;
	}

	long offset(ResumableUpload upload) {
		try {
			return this.partials.offset(upload.id());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How far an upload got, after a chunk. */
	record Progress(long offset, Instant expiresAt) {

	}

	/** Appends a chunk; the last one stores the object. */
	Progress append(Requester requester, ResumableUpload upload, long offset, InputStream body,
			@Nullable MessageDigest checksum, byte @Nullable [] expectedChecksum) throws IOException {
		Instant expiresAt = now().plus(this.properties.uploads().expiry());
		long[] end = new long[1];
		this.partials.append(upload.id(), offset, upload.length(), body, checksum, expectedChecksum, (reached) -> {
			end[0] = reached;
			if (reached == upload.length()) {
				finish(requester, upload);
			}
			else {
				this.uploads.extend(upload.id(), expiresAt);
			}
		});
		return new Progress(end[0], expiresAt);
	}

	void terminate(ResumableUpload upload) {
		discard(upload.id());
	}

	/**
	 * Stores the object, then forgets the upload whether that worked or not: a refusal at
	 * this point (type, quota) will not change on a retry of the same bytes.
	 */
	private void finish(Requester requester, ResumableUpload upload) throws IOException {
		try (InputStream content = this.partials.open(upload.id())) {
			this.objects.upload(requester, upload.bucket(), upload.key(), content, upload.length(),
					new UploadOptions(upload.upsert(), upload.cacheControl(), Map.of()));
		}
		finally {
			discard(upload.id());
		}
	}

	/** Forgets uploads that saw no chunk for longer than the configured expiry. */
	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
	void removeExpired() {
		for (UUID id : this.uploads.expiredBefore(now(), 500)) {
			log.info("Removing expired resumable upload {}", id);
			discard(id);
		}
	}

	private void discard(UUID id) {
		this.uploads.delete(id);
		try {
			this.partials.delete(id);
		}
		catch (IOException ex) {
			log.warn("Could not delete the partial file of upload {}", id, ex);
		}
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
