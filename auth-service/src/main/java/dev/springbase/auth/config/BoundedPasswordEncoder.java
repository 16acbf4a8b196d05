package dev.springbase.auth.config;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Runs password hashes on a fixed number of platform threads of its own; further hashes
 * wait their turn (first come, first served) while the request's thread waits for its
 * result.
 * <p>
 * An Argon2id hash keeps a core busy for tens of milliseconds and fills its memory (19
 * MiB by default) on the heap while it runs: more hashes at once than cores finish none
 * sooner, but hold more memory, so young collections copy more live blocks and promote
 * them (see docs/benchmarks/auth.md). Hashing on the request's virtual thread would also
 * hold its carrier for the whole hash, and with one carrier per core every other request
 * of the service (a token refresh, a health check) would wait behind the hashes; on
 * platform threads the operating system shares the cores between them.
 * <p>
 * Bound as the {@code executor.*} meters named {@value #THREAD_NAME}, so the hashes
 * waiting for a thread show as {@code executor.queued}.
 */
final class BoundedPasswordEncoder implements PasswordEncoder, MeterBinder, AutoCloseable {

	static final String THREAD_NAME = "password-hashes";

	private final PasswordEncoder delegate;

	private final ExecutorService threads;

	BoundedPasswordEncoder(PasswordEncoder delegate, int concurrentHashes) {
		if (concurrentHashes < 1) {
			throw new IllegalArgumentException("At least one hash must be allowed at a time");
		}
		this.delegate = delegate;
		this.threads = Executors.newFixedThreadPool(concurrentHashes,
				Thread.ofPlatform().name(THREAD_NAME + "-", 1).daemon().factory());
	}

	@Override
	public @Nullable String encode(@Nullable CharSequence rawPassword) {
		return hashing(() -> this.delegate.encode(rawPassword));
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		return hashing(() -> this.delegate.matches(rawPassword, encodedPassword));
	}

	/** Reads the stored hash's parameters only; no hashing, so no thread of its own. */
	@Override
	public boolean upgradeEncoding(@Nullable String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		new ExecutorServiceMetrics(this.threads, THREAD_NAME, Tags.empty()).bindTo(registry);
	}

	/**
	 * Hashes still waiting for a thread are called off, so their callers stop waiting.
	 */
	@Override
	public void close() {
		for (Runnable waiting : this.threads.shutdownNow()) {
			((Future<?>) waiting).cancel(false);
		}
	}

	private <T> T hashing(Supplier<T> hash) {
		Future<T> result;
		try {
			result = this.threads.submit(hash::get);
		}
		catch (RejectedExecutionException ex) {
			throw shuttingDown(ex);
		}
		try {
			return result.get();
		}
		catch (InterruptedException ex) {
			// Nobody waits for it any more: a hash not yet started never starts.
			result.cancel(false);
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a password hash", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (CancellationException ex) {
			throw shuttingDown(ex);
		}
	}

	private static IllegalStateException shuttingDown(RuntimeException cause) {
		return new IllegalStateException("No more password hashes: the service is shutting down", cause);
	}

}
