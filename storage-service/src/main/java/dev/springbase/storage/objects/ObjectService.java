package dev.springbase.storage.objects;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.ids.Ids;
import dev.springbase.storage.access.ObjectAccess;
import dev.springbase.storage.access.ObjectAccess.Operation;
import dev.springbase.storage.access.Requester;
import dev.springbase.storage.blobs.BlobStore;
import dev.springbase.storage.buckets.Bucket;
import dev.springbase.storage.buckets.BucketService;
import dev.springbase.storage.config.StorageProperties;
import dev.springbase.platform.jdbc.Timestamps;

/**
 * Objects: uploads streamed into a blob and then committed as metadata, downloads,
 * listings, deletes, copies and moves. The metadata row is the truth: a blob becomes an
 * object only when its row commits, and a blob no row points at any more is deleted after
 * the commit.
 */
@Service
public class ObjectService {

	private final BucketService buckets;

	private final ObjectRepository objects;

	private final UsageRepository usage;

	private final BlobStore blobs;

	private final ContentSniffer sniffer;

	private final ObjectAccess access;

	private final StorageProperties properties;

	private final TransactionTemplate transactions;

	private final ObjectEvents events;

	ObjectService(BucketService buckets, ObjectRepository objects, UsageRepository usage, BlobStore blobs,
			ContentSniffer sniffer, ObjectAccess access, StorageProperties properties, TransactionTemplate transactions,
			ObjectEvents events) {
		this.buckets = buckets;
		this.objects = objects;
		this.usage = usage;
		this.blobs = blobs;
		this.sniffer = sniffer;
		this.access = access;
		this.properties = properties;
		this.transactions = transactions;
		this.events = events;
	}

	/**
	 * Checks, before any byte is read, that the requester may write the object and that a
	 * body of the declared length (negative when unknown) could be taken.
	 */
	public Bucket checkUpload(Requester requester, String bucketName, String key, long declaredLength, boolean upsert) {
		return check(requester, bucketName, key, declaredLength, upsert).bucket();
	}

	private UploadCheck check(Requester requester, String bucketName, String key, long declaredLength, boolean upsert) {
		ObjectKeys.validate(key);
		Bucket bucket = this.buckets.require(requester, bucketName);
		this.access.check(requester, bucket.isPublic(), bucket.accessRules(), key, Operation.WRITE);
		Optional<StoredObject> existing = this.objects.find(bucket.id(), key);
		if (existing.isPresent() && !upsert) {
			throw ObjectException.exists(bucketName, key);
		}
		long sizeLimit = bucket.sizeLimit(this.properties.maxObjectSize().toBytes());
		if (declaredLength > sizeLimit) {
			throw ObjectException.tooLarge(sizeLimit);
		}
		UsageRepository.Usage current = this.usage.current(requester.projectId());
		if (existing.isEmpty() && current.objects() >= current.maxObjects()) {
			throw ObjectException.objectsQuotaExceeded(current.maxObjects());
		}
		if (declaredLength > quotaRoom(current, existing)) {
			throw ObjectException.bytesQuotaExceeded(current.maxBytes());
		}
		return new UploadCheck(bucket, existing, current);
	}

	/**
	 * Streams the body into a new blob, refusing it as soon as it passes a limit or turns
	 * out to be of a type the bucket does not take, then commits its metadata.
	 */
	public ObjectView upload(Requester requester, String bucketName, String key, InputStream body, long declaredLength,
			UploadOptions options) {
		UploadCheck check = check(requester, bucketName, key, declaredLength, options.upsert());
		Bucket bucket = check.bucket();
		IncomingContent content = new IncomingContent(body, bucket.sizeLimit(this.properties.maxObjectSize().toBytes()),
				quotaRoom(check.usage(), check.existing()), check.usage().maxBytes());
		String blobKey = newBlobKey(requester.projectId());
		try {
			String type = this.sniffer.sniff(content, key);
			if (!bucket.allowsType(type)) {
				throw ObjectException.typeNotAllowed(bucketName, type);
			}
			this.blobs.write(blobKey, content);
			StoredObject object = new StoredObject(Ids.newId(), requester.projectId(), bucket.id(), key, blobKey,
					content.size(), type, content.sha256Hex(), options.cacheControl(), requester.userId(),
					options.metadata(), Timestamps.now(), Timestamps.now());
			return ObjectView.of(bucketName, commit(bucket, object, options.upsert()));
		}
		catch (IOException | RuntimeException ex) {
			this.blobs.deleteUnreferenced(blobKey);
			throw rethrowable(ex);
		}
	}

	/**
	 * Writes the object's row (replacing an existing one when upserting) and the
	 * project's usage in one transaction, then deletes the blob it replaced.
	 */
	private StoredObject commit(Bucket bucket, StoredObject object, boolean upsert) {
		Replaced replaced = this.transactions.execute((status) -> {
			UsageRepository.Usage current = this.usage.lock(object.projectId());
			Optional<StoredObject> previous = this.objects.lock(bucket.id(), object.key());
			if (previous.isPresent() && !upsert) {
				throw ObjectException.exists(bucket.name(), object.key());
			}
			long previousSize = previous.map(StoredObject::size).orElse(0L);
			if (object.size() > current.room(previousSize)) {
				throw ObjectException.bytesQuotaExceeded(current.maxBytes());
			}
			if (previous.isEmpty() && current.objects() + 1 > current.maxObjects()) {
				throw ObjectException.objectsQuotaExceeded(current.maxObjects());
			}
			StoredObject saved = object;
			if (previous.isPresent()) {
				saved = new StoredObject(previous.get().id(), object.projectId(), object.bucketId(), object.key(),
						object.blobKey(), object.size(), object.contentType(), object.sha256(), object.cacheControl(),
						object.owner(), object.metadata(), previous.get().createdAt(), object.updatedAt());
				this.objects.replace(saved);
			}
			else {
				this.objects.insert(saved);
			}
			this.usage.add(object.projectId(), object.size() - previousSize, previous.isPresent() ? 0 : 1);
			this.events.created(bucket, saved);
			return new Replaced(saved, previous.map(StoredObject::blobKey).orElse(null));
		});
		if (replaced.previousBlob() != null) {
			this.blobs.deleteUnreferenced(replaced.previousBlob());
		}
		return replaced.object();
	}

	/** An object to read, after the access check. */
	public Download open(Requester requester, String bucketName, String key) {
		ObjectKeys.validate(key);
		Bucket bucket = this.buckets.require(requester, bucketName);
		this.access.check(requester, bucket.isPublic(), bucket.accessRules(), key, Operation.READ);
		StoredObject object = this.objects.find(bucket.id(), key)
			.orElseThrow(() -> ObjectException.notFound(bucketName, key));
		return new Download(ObjectView.of(bucketName, object), object.blobKey(), this.blobs);
	}

	public ObjectListing list(Requester requester, String bucketName, String prefix, @Nullable String delimiter,
			int limit, @Nullable String after) {
		ObjectKeys.validatePrefix(prefix);
		Bucket bucket = this.buckets.require(requester, bucketName);
		this.access.checkListing(requester, bucket.isPublic(), bucket.accessRules(), prefix);
		List<ObjectView> items = new ArrayList<>();
		List<String> folders = new ArrayList<>();
		String position = after;
		boolean inclusive = false;
		if (after != null && delimiter != null && !delimiter.isEmpty() && after.endsWith(delimiter)) {
			// The last page ended on a folder: continue past everything in it.
			position = ObjectRepository.upperBound(after);
			inclusive = true;
		}
		String last = null;
		boolean more = false;
		scan: while (true) {
			List<StoredObject> rows = this.objects.scan(bucket.id(), prefix, position, inclusive, limit + 1);
			if (rows.isEmpty()) {
				break;
			}
			for (StoredObject row : rows) {
				String folder = folderOf(row.key(), prefix, delimiter);
				if (items.size() + folders.size() == limit) {
					more = true;
					break scan;
				}
				if (folder != null) {
					folders.add(folder);
					last = folder;
					// Skip the folder's content: continue at the first key past it.
					position = ObjectRepository.upperBound(folder);
					inclusive = true;
					continue scan;
				}
				items.add(ObjectView.of(bucketName, row));
				last = row.key();
				position = row.key();
				inclusive = false;
			}
			if (rows.size() <= limit) {
				break;
			}
		}
		return new ObjectListing(items, folders, more ? ObjectListing.cursorOf(last) : null);
	}

	private static @Nullable String folderOf(String key, String prefix, @Nullable String delimiter) {
		if (delimiter == null || delimiter.isEmpty()) {
			return null;
		}
		int at = key.indexOf(delimiter, prefix.length());
		return (at >= 0) ? key.substring(0, at + delimiter.length()) : null;
	}

	public void delete(Requester requester, String bucketName, String key) {
		List<String> deleted = deleteAll(requester, bucketName, List.of(key));
		if (deleted.isEmpty()) {
			throw ObjectException.notFound(bucketName, key);
		}
	}

	/** Deletes the objects that exist among the keys; returns their keys. */
	public List<String> deleteAll(Requester requester, String bucketName, List<String> keys) {
		Bucket bucket = this.buckets.require(requester, bucketName);
		LinkedHashSet<String> unique = new LinkedHashSet<>();
		for (String key : keys) {
			ObjectKeys.validate(key);
			this.access.check(requester, bucket.isPublic(), bucket.accessRules(), key, Operation.WRITE);
			unique.add(key);
		}
		List<StoredObject> removed = this.transactions.execute((status) -> {
			this.usage.lock(requester.projectId());
			List<StoredObject> found = this.objects.lockAll(bucket.id(), unique);
			for (StoredObject object : found) {
				this.objects.delete(object.id());
				this.events.deleted(bucket, object);
			}
			this.usage.add(requester.projectId(), -found.stream().mapToLong(StoredObject::size).sum(), -found.size());
			return found;
		});
		removed.forEach((object) -> this.blobs.deleteUnreferenced(object.blobKey()));
		return removed.stream().map(StoredObject::key).toList();
	}

	/** Copies the bytes into a new blob, so either object can change on its own later. */
	public ObjectView copy(Requester requester, String sourceBucketName, String sourceKey, String targetBucketName,
			String targetKey, boolean upsert) {
		Source source = source(requester, sourceBucketName, sourceKey, Operation.READ);
		Bucket target = checkUpload(requester, targetBucketName, targetKey, source.object().size(), upsert);
		if (!target.allowsType(source.object().contentType())) {
			throw ObjectException.typeNotAllowed(targetBucketName, source.object().contentType());
		}
		String blobKey = newBlobKey(requester.projectId());
		try {
			this.blobs.copy(source.object().blobKey(), blobKey);
			StoredObject copy = new StoredObject(Ids.newId(), requester.projectId(), target.id(), targetKey, blobKey,
					source.object().size(), source.object().contentType(), source.object().sha256(),
					source.object().cacheControl(), ownerOf(requester, source.object()), source.object().metadata(),
					Timestamps.now(), Timestamps.now());
			return ObjectView.of(targetBucketName, commit(target, copy, upsert));
		}
		catch (IOException | RuntimeException ex) {
			this.blobs.deleteUnreferenced(blobKey);
			throw rethrowable(ex);
		}
	}

	/** Moves the object by changing its row only; the blob stays where it is. */
	public ObjectView move(Requester requester, String sourceBucketName, String sourceKey, String targetBucketName,
			String targetKey, boolean upsert) {
		Source source = source(requester, sourceBucketName, sourceKey, Operation.WRITE);
		Bucket target = checkUpload(requester, targetBucketName, targetKey, -1, upsert);
		if (!target.allowsType(source.object().contentType())) {
			throw ObjectException.typeNotAllowed(targetBucketName, source.object().contentType());
		}
		long sizeLimit = target.sizeLimit(this.properties.maxObjectSize().toBytes());
		if (source.object().size() > sizeLimit) {
			throw ObjectException.tooLarge(sizeLimit);
		}
		if (source.bucket().id().equals(target.id()) && sourceKey.equals(targetKey)) {
			return ObjectView.of(targetBucketName, source.object());
		}
		Replaced moved = this.transactions.execute((status) -> {
			this.usage.lock(requester.projectId());
			StoredObject current = this.objects.lock(source.bucket().id(), sourceKey)
				.orElseThrow(() -> ObjectException.notFound(sourceBucketName, sourceKey));
			Optional<StoredObject> previous = this.objects.lock(target.id(), targetKey);
			if (previous.isPresent() && !upsert) {
				throw ObjectException.exists(targetBucketName, targetKey);
			}
			previous.ifPresent((replacedObject) -> {
				this.objects.delete(replacedObject.id());
				this.usage.add(requester.projectId(), -replacedObject.size(), -1);
				this.events.deleted(target, replacedObject);
			});
			StoredObject relocated = new StoredObject(current.id(), current.projectId(), target.id(), targetKey,
					current.blobKey(), current.size(), current.contentType(), current.sha256(), current.cacheControl(),
					current.owner(), current.metadata(), current.createdAt(), Timestamps.now());
			this.objects.replace(relocated);
			this.events.deleted(source.bucket(), current);
			this.events.created(target, relocated);
			return new Replaced(relocated, previous.map(StoredObject::blobKey).orElse(null));
		});
		if (moved.previousBlob() != null) {
			this.blobs.deleteUnreferenced(moved.previousBlob());
		}
		return ObjectView.of(targetBucketName, moved.object());
	}

	private Source source(Requester requester, String bucketName, String key, Operation operation) {
		ObjectKeys.validate(key);
		Bucket bucket = this.buckets.require(requester, bucketName);
		this.access.check(requester, bucket.isPublic(), bucket.accessRules(), key, operation);
		StoredObject object = this.objects.find(bucket.id(), key)
			.orElseThrow(() -> ObjectException.notFound(bucketName, key));
		return new Source(bucket, object);
	}

	private static @Nullable String ownerOf(Requester requester, StoredObject source) {
		return (requester.userId() != null) ? requester.userId() : source.owner();
	}

	private static long quotaRoom(UsageRepository.Usage current, Optional<StoredObject> existing) {
		return current.room(existing.map(StoredObject::size).orElse(0L));
	}

	private static String newBlobKey(UUID projectId) {
		return projectId + "/" + Ids.newId();
	}

	/**
	 * A refusal raised while streaming (size, quota) may reach here wrapped by a
	 * backend's own exception; it is answered as what it is.
	 */
	private static RuntimeException rethrowable(Exception ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ApiException api) {
				return api;
			}
		}
		return (ex instanceof IOException io) ? new UncheckedIOException(io) : (RuntimeException) ex;
	}

	private record Source(Bucket bucket, StoredObject object) {

	}

	private record Replaced(StoredObject object, @Nullable String previousBlob) {

	}

	/** What the checks before an upload read, for the upload to go on with. */
	private record UploadCheck(Bucket bucket, Optional<StoredObject> existing, UsageRepository.Usage usage) {

	}

}
