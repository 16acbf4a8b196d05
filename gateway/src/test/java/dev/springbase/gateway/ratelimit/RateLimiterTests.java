package dev.springbase.gateway.ratelimit;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.springbase.gateway.GatewayProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class RateLimiterTests {

	static final GatewayProperties.Limit TWO_PER_MINUTE = new GatewayProperties.Limit(2, Duration.ofMinutes(1));

	@Test
	void refusesThirdRequestWithWholeSecondsToWait() {
		RateLimiter limiter = limiter(true);
		UUID key = UUID.randomUUID();
		limiter.checkKey(key);
		limiter.checkKey(key);

		assertThatExceptionOfType(RateLimited.class).isThrownBy(() -> limiter.checkKey(key))
			.satisfies((ex) -> assertThat(ex.retryAfterSeconds()).isBetween(1L, 30L))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo("gateway.rate_limited"));
	}

	@Test
	void countsNothingWhenSwitchedOff() {
		RateLimiter limiter = limiter(false);

		assertThatNoException().isThrownBy(() -> {
			for (int i = 0; i < 10; i++) {
				limiter.checkKey(UUID.fromString("00000000-0000-7000-8000-000000000001"));
				limiter.checkAddress("10.0.0.1");
			}
		});
	}

	private static RateLimiter limiter(boolean enabled) {
		return new RateLimiter(new LocalBucketStore(Duration.ofMinutes(1)),
				new GatewayProperties.RateLimit(enabled, TWO_PER_MINUTE, TWO_PER_MINUTE, null));
	}

}
