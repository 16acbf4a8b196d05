package dev.springbase.gateway.ratelimit;

import java.time.Duration;
import java.util.Optional;

import io.github.bucket4j.BucketConfiguration;

/** Where the token buckets live: in this instance, or in Redis shared by all. */
interface BucketStore {

	/**
	 * Takes one token from the bucket with this id, creating it from the configuration on
	 * first use.
	 * @return empty when a token was taken, otherwise how long until one is back
	 */
	Optional<Duration> tryConsume(String bucketId, BucketConfiguration configuration);

}
