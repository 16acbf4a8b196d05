package dev.springbase.storage.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the storage service.
 *
 * @param authUrl the auth service, asked for the role of console accounts in a project
 * @param backend where object bytes live
 * @param dataDir the local filesystem backend's root, also used for unfinished uploads
 * @param maxObjectSize the largest object any bucket accepts
 * @param quota what one project may store at most
 * @param signing signed URLs
 * @param uploads resumable (tus) uploads
 * @param orphans removal of blobs that no object references (left by crashes)
 * @param s3 the S3-compatible backend, when {@code backend} is {@code s3}
 */
@Validated
@ConfigurationProperties("springbase.storage")
public record StorageProperties(@DefaultValue("http://localhost:8081") URI authUrl,
		@DefaultValue("filesystem") Backend backend, @DefaultValue("data/storage") Path dataDir,
		@DefaultValue("5GB") DataSize maxObjectSize, @DefaultValue Quota quota, @DefaultValue Signing signing,
		@DefaultValue Uploads uploads, @DefaultValue Orphans orphans, @DefaultValue S3 s3) {

	public enum Backend {

		FILESYSTEM, S3

	}

	/**
	 * @param maxBytes bytes a project may store across all its buckets
	 * @param maxObjects objects a project may store across all its buckets
	 */
	public record Quota(@DefaultValue("100GB") DataSize maxBytes, @DefaultValue("1000000") @Min(0) long maxObjects) {

	}

	/**
	 * @param secret the HMAC key of signed URLs; every instance must share it. When empty
	 * a random one is made at start, and URLs signed before a restart stop working.
	 * @param maxExpiry the longest a signed URL may stay valid
	 */
	public record Signing(@DefaultValue("") String secret, @DefaultValue("7d") Duration maxExpiry) {

	}

	/**
	 * @param expiry how long an unfinished resumable upload is kept after its last change
	 */
	public record Uploads(@DefaultValue("24h") Duration expiry) {

	}

	/**
	 * @param grace how old an unreferenced blob must be before it is deleted: uploads
	 * write their blob before the row that references it commits
	 * @param interval how often blobs are checked against the object rows
	 */
	public record Orphans(@DefaultValue("1h") Duration grace, @DefaultValue("6h") Duration interval) {

	}

	/**
	 * @param endpoint the S3 API's URL; empty for AWS itself
	 * @param region the region to sign requests for
	 * @param bucket the one S3 bucket holding every project's objects
	 * @param accessKey the access key id; empty to use the default AWS credential chain
	 * @param secretKey the secret access key
	 * @param pathStyle address buckets in the path rather than the host name, as most
	 * S3-compatible servers need
	 * @param partSize the size of each part of a multipart upload
	 */
	public record S3(@Nullable URI endpoint, @DefaultValue("us-east-1") String region,
			@DefaultValue("springbase") String bucket, @DefaultValue("") String accessKey,
			@DefaultValue("") String secretKey, @DefaultValue("true") boolean pathStyle,
			@DefaultValue("8MB") DataSize partSize) {

	}

}
