package dev.springbase.auth.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedPasswordEncoderTests {

	@Test
	void runsNoMoreHashesAtOnceThanAllowed() throws Exception {
		CountingEncoder counting = new CountingEncoder();
		PasswordEncoder bounded = new BoundedPasswordEncoder(counting, 2);
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			boolean encode = i % 2 == 0;
			threads.add(Thread.ofVirtual().start(() -> {
				awaitQuietly(start);
				if (encode) {
					bounded.encode("secret");
				}
				else {
					bounded.matches("secret", "stored");
				}
			}));
		}
		start.countDown();
		for (Thread thread : threads) {
			assertThat(thread.join(Duration.ofSeconds(30))).isTrue();
		}
		assertThat(counting.calls.get()).isEqualTo(8);
		assertThat(counting.mostAtOnce.get()).isEqualTo(2);
	}

	@Test
	void hashesAndChecksAsTheEncoderItBounds() {
		PasswordEncoder bounded = new BoundedPasswordEncoder(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), 1);
		String hash = bounded.encode("correct horse battery staple");
		assertThat(hash).startsWith("$argon2id$");
		assertThat(bounded.matches("correct horse battery staple", hash)).isTrue();
		assertThat(bounded.matches("wrong horse", hash)).isFalse();
		assertThat(bounded.upgradeEncoding(hash)).isFalse();
	}

	@Test
	void allowsOneHashPerProcessorByDefault() {
		AuthProperties.Argon2 argon2 = new AuthProperties.Argon2(DataSize.ofMegabytes(19), 2);
		assertThat(new AuthProperties.Passwords(0, argon2).concurrentHashesOrCores())
			.isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(new AuthProperties.Passwords(3, argon2).concurrentHashesOrCores()).isEqualTo(3);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Takes a while per hash and records how many ran at once. */
	private static final class CountingEncoder implements PasswordEncoder {

		private final AtomicInteger running = new AtomicInteger();

		private final AtomicInteger mostAtOnce = new AtomicInteger();

		private final AtomicInteger calls = new AtomicInteger();

		@Override
		public String encode(@Nullable CharSequence rawPassword) {
			hash();
			return "hash";
		}

		@Override
		public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
			hash();
			return true;
		}

		private void hash() {
			int now = this.running.incrementAndGet();
			this.mostAtOnce.accumulateAndGet(now, Math::max);
			try {
				TimeUnit.MILLISECONDS.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.running.decrementAndGet();
			this.calls.incrementAndGet();
		}

	}

}
