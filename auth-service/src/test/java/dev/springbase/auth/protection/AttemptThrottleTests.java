package dev.springbase.auth.protection;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.springbase.auth.config.AuthProperties;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptThrottleTests {

	private final AuthProperties.Throttle throttle = new AuthProperties.Throttle(3, Duration.ofSeconds(1),
			Duration.ofSeconds(10), Duration.ofHours(1));

	@Test
	void delaysStartAfterTheFreeAttemptsAndDoubleUpToTheMaximum() {
		assertThat(AttemptThrottle.delayAfter(1, this.throttle)).isZero();
		assertThat(AttemptThrottle.delayAfter(2, this.throttle)).isZero();
		assertThat(AttemptThrottle.delayAfter(3, this.throttle)).hasSeconds(1);
		assertThat(AttemptThrottle.delayAfter(4, this.throttle)).hasSeconds(2);
		assertThat(AttemptThrottle.delayAfter(5, this.throttle)).hasSeconds(4);
		assertThat(AttemptThrottle.delayAfter(6, this.throttle)).hasSeconds(8);
		assertThat(AttemptThrottle.delayAfter(7, this.throttle)).hasSeconds(10);
		assertThat(AttemptThrottle.delayAfter(1000, this.throttle)).hasSeconds(10);
	}

}
