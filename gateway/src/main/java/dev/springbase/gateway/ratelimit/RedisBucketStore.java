package dev.springbase.gateway.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buckets in Redis, so that every gateway instance draws from the same budget. Buckets
 * are updated with compare-and-swap and expire once they would be full again.
 */
class RedisBucketStore implements BucketStore, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RedisBucketStore.class);

	private static final String KEY_PREFIX = "springbase:gateway:rate-limit:";

	private final RedisClient client;

	private final StatefulRedisConnection<String, byte[]> connection;

	private final ProxyManager<String> buckets;

	private final AtomicBoolean failing = new AtomicBoolean();

	RedisBucketStore(String redisUrl) {
		this.client = RedisClient.create(redisUrl);
		this.connection = this.client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
		this.buckets = Bucket4jLettuce.casBasedBuilder(this.connection)
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.requestTimeout(Duration.ofSeconds(1))
			.build();
	}

	@Override
	public Optional<Duration> tryConsume(String bucketId, BucketConfiguration configuration) {
		try {
			ConsumptionProbe probe = this.buckets.getProxy(KEY_PREFIX + bucketId, () -> configuration)
				.tryConsumeAndReturnRemaining(1);
			if (this.failing.compareAndSet(true, false)) {
				log.info("Rate limits are counted in Redis again");
			}
			return probe.isConsumed() ? Optional.empty()
					: Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}
		catch (RuntimeException ex) {
			// A Redis outage must not take the whole API down with it: requests pass
			// uncounted until it is back.
			if (this.failing.compareAndSet(false, true)) {
				log.warn("Redis is unreachable; requests pass without rate limits until it is back", ex);
			}
			return Optional.empty();
		}
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
