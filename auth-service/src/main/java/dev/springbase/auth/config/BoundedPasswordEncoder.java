package dev.springbase.auth.config;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Runs at most a fixed number of password hashes at once; further ones wait their turn
 * (first come, first served). An Argon2id hash keeps a core busy for tens of milliseconds
 * and fills its memory (19 MiB by default) on the heap while it runs: more hashes at once
 * than cores finish none sooner, but hold more memory, so young collections copy more
 * live blocks and promote them, and the heap fills with them (see
 * docs/benchmarks/auth.md).
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final Semaphore permits;

	BoundedPasswordEncoder(PasswordEncoder delegate, int concurrentHashes) {
		if (concurrentHashes < 1) {
			throw new IllegalArgumentException("At least one hash must be allowed at a time");
		}
		this.delegate = delegate;
		this.permits = new Semaphore(concurrentHashes, true);
	}

	@Override
	public @Nullable String encode(@Nullable CharSequence rawPassword) {
		return hashing(() -> this.delegate.encode(rawPassword));
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		return hashing(() -> this.delegate.matches(rawPassword, encodedPassword));
	}

	/** Reads the stored hash's parameters only; no hashing, so no permit. */
	@Override
	public boolean upgradeEncoding(@Nullable String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	private <T> T hashing(Supplier<T> hash) {
		try {
			this.permits.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to hash a password", ex);
		}
		try {
			return hash.get();
		}
		finally {
			this.permits.release();
		}
	}

}
