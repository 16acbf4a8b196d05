package dev.springbase.gateway.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.stereotype.Component;

import dev.springbase.gateway.auth.AuthClient;
import dev.springbase.gateway.auth.AuthUnavailable;
import dev.springbase.gateway.auth.ResolvedKey;

/**
 * Resolves API keys through the auth service and remembers the answers briefly, valid and
 * invalid alike. Five seconds bounds how long a revoked key keeps working on any gateway
 * instance; an answer is never kept past the expiry of the token it carries. Failures are
 * not remembered: the next request asks again.
 */
@Component
class ApiKeys {

	private static final Duration MAX_AGE = Duration.ofSeconds(5);

	// Far longer than any real key; anything longer is refused without asking.
	private static final int MAX_KEY_LENGTH = 512;

	private final AuthClient auth;

	private final AsyncCache<String, Answer> answers;

	ApiKeys(AuthClient auth, MeterRegistry meterRegistry) {
		this.auth = auth;
		// Asynchronous so that a slow auth call holds no lock of the cache; concurrent
		// requests with the same key share one call.
		this.answers = Caffeine.newBuilder()
			.maximumSize(100_000)
			.expireAfter(Expiry.<String, Answer>creating((key, answer) -> answer.maxAge()))
			.executor(new VirtualThreadTaskExecutor("api-keys-"))
			.recordStats()
			.buildAsync();
		CaffeineCacheMetrics.monitor(meterRegistry, this.answers, "gateway.api_keys");
	}

	/**
	 * @throws KeyRejected when the key is unknown or revoked
	 * @throws AuthUnavailable when the auth service cannot answer
	 */
	ResolvedKey resolve(String key) {
		if (key.length() > MAX_KEY_LENGTH) {
			throw KeyRejected.invalid();
		}
		Answer answer = this.answers
			.get(key, (ignored, executor) -> CompletableFuture.supplyAsync(() -> ask(key), executor))
			.join();
		return switch (answer) {
			case Known known -> known.key();
			case Unknown unknown -> throw KeyRejected.invalid();
			case Unavailable unavailable -> throw unavailable.failure();
		};
	}

	private Answer ask(String key) {
		try {
			return this.auth.resolveKey(key).<Answer>map(Known::new).orElseGet(Unknown::new);
		}
		catch (AuthUnavailable ex) {
			return new Unavailable(ex);
		}
	}

	private sealed interface Answer {

		Duration maxAge();

	}

	private record Known(ResolvedKey key) implements Answer {

		@Override
		public Duration maxAge() {
			Duration untilExpiry = Duration.between(Instant.now(), this.key.expiresAt());
			if (untilExpiry.isNegative()) {
				return Duration.ZERO;
			}
			return (untilExpiry.compareTo(MAX_AGE) < 0) ? untilExpiry : MAX_AGE;
		}

	}

	private record Unknown() implements Answer {

		@Override
		public Duration maxAge() {
			return MAX_AGE;
		}

	}

	/**
	 * Shared by the requests that waited on the failed call, then gone at once.
	 */
	private record Unavailable(AuthUnavailable failure) implements Answer {

		@Override
		public Duration maxAge() {
			return Duration.ZERO;
		}

	}

}
