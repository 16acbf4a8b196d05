package dev.springbase.gateway.ratelimit;

import java.util.UUID;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

import dev.springbase.gateway.GatewayProperties;

/**
 * Token buckets per API key and per client address (Bucket4j), refilled greedily so that
 * a client gets its budget back gradually across the period.
 */
public class RateLimiter {

	private final BucketStore store;

	private final boolean enabled;

	private final BucketConfiguration perKey;

	private final BucketConfiguration perIp;

	RateLimiter(BucketStore store, GatewayProperties.RateLimit properties) {
		this.store = store;
		this.enabled = properties.enabled();
		this.perKey = configuration(properties.perKey());
		this.perIp = configuration(properties.perIp());
	}

	/**
	 * @throws RateLimited when the key has used up its budget
	 */
	public void checkKey(UUID keyId) {
		check("key:" + keyId, this.perKey, "API key");
	}

	/**
	 * @throws RateLimited when the address has used up its budget
	 */
	void checkAddress(String address) {
		check("ip:" + address, this.perIp, "address");
	}

	private void check(String bucketId, BucketConfiguration configuration, String whose) {
		if (this.enabled) {
			this.store.tryConsume(bucketId, configuration).ifPresent((wait) -> {
				throw RateLimited.retryAfter(whose, wait);
			});
		}
	}

	private static BucketConfiguration configuration(GatewayProperties.Limit limit) {
		return BucketConfiguration.builder()
			.addLimit(Bandwidth.builder()
				.capacity(limit.capacity())
				.refillGreedy(limit.capacity(), limit.period())
				.build())
			.build();
	}

}
