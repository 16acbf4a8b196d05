package dev.springbase.gateway.ratelimit;

import java.time.Duration;
import java.util.UUID;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway instances with Redis-backed limits draw from one budget (Redis on
 * localhost:6379).
 */
class RedisBucketStoreTests {

	static final String REDIS = "redis://localhost:6379";

	static final BucketConfiguration FIVE_PER_MINUTE = BucketConfiguration.builder()
		.addLimit(Bandwidth.builder().capacity(5).refillGreedy(5, Duration.ofMinutes(1)).build())
		.build();

	@Test
	void sharesOneBudgetAcrossInstances() {
		String bucket = "test:" + UUID.randomUUID();
		try (RedisBucketStore first = new RedisBucketStore(REDIS);
				RedisBucketStore second = new RedisBucketStore(REDIS)) {
			for (int i = 0; i < 3; i++) {
				assertThat(first.tryConsume(bucket, FIVE_PER_MINUTE)).isEmpty();
			}
			for (int i = 0; i < 2; i++) {
				assertThat(second.tryConsume(bucket, FIVE_PER_MINUTE)).isEmpty();
			}

			assertThat(first.tryConsume(bucket, FIVE_PER_MINUTE))
				.hasValueSatisfying((wait) -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
			assertThat(second.tryConsume(bucket, FIVE_PER_MINUTE)).isPresent();
		}
	}

	@Test
	void keepsBudgetsOfDifferentBucketsApart() {
		String busy = "test:" + UUID.randomUUID();
		String quiet = "test:" + UUID.randomUUID();
		try (RedisBucketStore store = new RedisBucketStore(REDIS)) {
			for (int i = 0; i < 5; i++) {
				store.tryConsume(busy, FIVE_PER_MINUTE);
			}

			assertThat(store.tryConsume(busy, FIVE_PER_MINUTE)).isPresent();
			assertThat(store.tryConsume(quiet, FIVE_PER_MINUTE)).isEmpty();
		}
	}

}
