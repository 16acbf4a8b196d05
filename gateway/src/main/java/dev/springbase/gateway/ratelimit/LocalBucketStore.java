package dev.springbase.gateway.ratelimit;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;

/** Buckets in this instance's memory, for a single gateway. */
class LocalBucketStore implements BucketStore {

	private final Cache<String, Bucket> buckets;

	/**
	 * @param longestPeriod the longest refill period of any limit: a bucket untouched
	 * that long is full again, so forgetting it loses nothing
	 */
	LocalBucketStore(Duration longestPeriod) {
		this.buckets = Caffeine.newBuilder().expireAfterAccess(longestPeriod).maximumSize(100_000).build();
	}

	@Override
	public Optional<Duration> tryConsume(String bucketId, BucketConfiguration configuration) {
		Bucket bucket = this.buckets.get(bucketId, (id) -> newBucket(configuration));
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	private static Bucket newBucket(BucketConfiguration configuration) {
		LocalBucketBuilder builder = Bucket.builder();
		for (Bandwidth limit : configuration.getBandwidths()) {
			builder.addLimit(limit);
		}
		return builder.build();
	}

}
