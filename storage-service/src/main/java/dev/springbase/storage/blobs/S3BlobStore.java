package dev.springbase.storage.blobs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects of one S3 bucket (AWS or any S3-compatible server). Content up to one
 * part is a single PUT; larger content is a multipart upload, streamed one part at a
 * time, so memory holds one part whatever the object's size. An upload that fails is
 * aborted: S3 shows an object only once it is complete.
 */
public class S3BlobStore implements BlobStore {

	private final S3Client s3;

	private final String bucket;

	private final int partSize;

	public S3BlobStore(S3Client s3, String bucket, int partSize) {
		this.s3 = s3;
		this.bucket = bucket;
		this.partSize = partSize;
	}

	/** Creates the bucket when it does not exist, for local S3-compatible servers. */
	public void createBucketIfMissing() {
		try {
			this.s3.headBucket((request) -> request.bucket(this.bucket));
		}
		catch (NoSuchBucketException ex) {
			this.s3.createBucket((request) -> request.bucket(this.bucket));
		}
		catch (S3Exception ex) {
			if (ex.statusCode() != 404) {
				throw ex;
			}
			this.s3.createBucket((request) -> request.bucket(this.bucket));
		}
	}

	@Override
	public void write(String key, InputStream content) throws IOException {
		byte[] part = new byte[this.partSize];
		int first = content.readNBytes(part, 0, part.length);
		if (first < part.length) {
			this.s3.putObject((request) -> request.bucket(this.bucket).key(key).contentLength((long) first),
					RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, first), first));
			return;
		}
		int filled = first;
		String uploadId = this.s3.createMultipartUpload((request) -> request.bucket(this.bucket).key(key)).uploadId();
		try {
			List<CompletedPart> parts = new ArrayList<>();
			while (filled > 0) {
				int number = parts.size() + 1;
				int length = filled;
				String etag = this.s3
					.uploadPart(
							(request) -> request.bucket(this.bucket)
								.key(key)
								.uploadId(uploadId)
								.partNumber(number)
								.contentLength((long) length),
							RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length))
					.eTag();
				parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
				filled = content.readNBytes(part, 0, part.length);
			}
			this.s3.completeMultipartUpload((request) -> request.bucket(this.bucket)
				.key(key)
				.uploadId(uploadId)
				.multipartUpload((upload) -> upload.parts(parts)));
		}
		catch (IOException | RuntimeException ex) {
			this.s3.abortMultipartUpload((request) -> request.bucket(this.bucket).key(key).uploadId(uploadId));
			throw ex;
		}
	}

	@Override
	public InputStream read(String key, long offset, long length) {
		if (length == 0) {
			return InputStream.nullInputStream();
		}
		String range = (length > 0) ? "bytes=" + offset + "-" + (offset + length - 1)
				: (offset > 0) ? "bytes=" + offset + "-" : null;
		return this.s3.getObject((request) -> request.bucket(this.bucket).key(key).range(range));
	}

	@Override
	public void copy(String sourceKey, String targetKey) {
		this.s3.copyObject((request) -> request.sourceBucket(this.bucket)
			.sourceKey(sourceKey)
			.destinationBucket(this.bucket)
			.destinationKey(targetKey));
	}

	@Override
	public void delete(String key) {
		this.s3.deleteObject((request) -> request.bucket(this.bucket).key(key));
	}

	@Override
	public boolean exists(String key) {
		try {
			this.s3.headObject((request) -> request.bucket(this.bucket).key(key));
			return true;
		}
		catch (NoSuchKeyException ex) {
			return false;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return false;
			}
			throw ex;
		}
	}

	@Override
	public Stream<String> keysWrittenBefore(Instant instant) {
		return this.s3.listObjectsV2Paginator((request) -> request.bucket(this.bucket))
			.contents()
			.stream()
			.filter((object) -> object.lastModified().isBefore(instant))
			.map(S3Object::key);
	}

}
