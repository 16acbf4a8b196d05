package dev.springbase.auth.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

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
	void hashesOffTheCallersThreadSoOtherVirtualThreadsKeepRunning() throws Exception {
		// As many hashes as the virtual threads have carriers: hashed on the callers'
		// threads, they would hold every carrier until they finish.
		int carriers = Runtime.getRuntime().availableProcessors();
		SpinningEncoder spinning = new SpinningEncoder();
		try (BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(spinning, carriers)) {
			List<Thread> callers = new ArrayList<>();
			for (int i = 0; i < carriers; i++) {
				callers.add(Thread.ofVirtual().start(() -> bounded.matches("secret", "stored")));
			}
			spinning.awaitRunning(carriers);
			CountDownLatch ran = new CountDownLatch(1);
			Thread.ofVirtual().start(ran::countDown);
			boolean ranWhileHashing = ran.await(10, TimeUnit.SECONDS);
			spinning.release();
			for (Thread caller : callers) {
				assertThat(caller.join(Duration.ofSeconds(30))).isTrue();
			}
			assertThat(ranWhileHashing).as("a virtual thread ran while the hashes were running").isTrue();
		}
	}

	@Test
	void callsOffWaitingHashesWhenClosed() throws Exception {
		SpinningEncoder spinning = new SpinningEncoder();
		BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(spinning, 1);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		bounded.bindTo(registry);
		Thread running = Thread.ofVirtual().start(() -> bounded.encode("first"));
		spinning.awaitRunning(1);
		AtomicReference<@Nullable Throwable> waitingFailure = new AtomicReference<>();
		Thread waiting = Thread.ofVirtual().start(() -> {
			try {
				bounded.encode("second");
			}
			catch (RuntimeException ex) {
				waitingFailure.set(ex);
			}
		});
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(registry.get("executor.queued").gauge().value()).isEqualTo(1));
		bounded.close();
		assertThat(waiting.join(Duration.ofSeconds(30))).isTrue();
		spinning.release();
		assertThat(running.join(Duration.ofSeconds(30))).isTrue();
		assertThat(waitingFailure.get()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("shutting down");
		assertThat(spinning.started.get()).isEqualTo(1);
		assertThatIllegalStateException().isThrownBy(() -> bounded.encode("third"))
			.withMessageContaining("shutting down");
	}

	@Test
	void showsItsThreadsAsExecutorMeters() {
		BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(new CountingEncoder(), 2);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		bounded.bindTo(registry);
		bounded.encode("secret");
		bounded.matches("secret", "hash");
		// The pool counts a hash as completed just after its caller has the result.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					registry.get("executor.completed").tag("name", "password-hashes").functionCounter().count())
				.isEqualTo(2));
		assertThat(registry.get("executor.queued").tag("name", "password-hashes").gauge().value()).isZero();
		bounded.close();
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

	/** A stand-in whose hashes and checks both only run {@link #hash()}. */
	private abstract static class StandInEncoder implements PasswordEncoder {

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

		abstract void hash();

	}

	/** Keeps its thread busy, never blocking it, until released. */
	private static final class SpinningEncoder extends StandInEncoder {

		private final AtomicInteger started = new AtomicInteger();

		private volatile boolean released;

		@Override
		void hash() {
			this.started.incrementAndGet();
			while (!this.released) {
				Thread.onSpinWait();
			}
		}

		void awaitRunning(int hashes) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.started).hasValue(hashes));
		}

		void release() {
			this.released = true;
		}

	}

	/** Takes a while per hash and records how many ran at once. */
	private static final class CountingEncoder extends StandInEncoder {

		private final AtomicInteger running = new AtomicInteger();

		private final AtomicInteger mostAtOnce = new AtomicInteger();

		private final AtomicInteger calls = new AtomicInteger();

		@Override
		void hash() {
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
