import java.util.concurrent.atomic.AtomicLong;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How many password checks per second this machine's cores do with the encoder the auth
 * service uses for new passwords (Argon2id, Spring Security 5.8 defaults): the ceiling
 * for password sign-ins, since each one costs one check.
 * Each check fills 16 MiB of heap, so run it with the auth service's JVM options
 * (bench/auth-signin.sh does).
 * Usage: java [auth service's JVM options] -cp <auth-service classpath>
 * bench/PasswordHashCost.java <threads> <seconds>
 */
public class PasswordHashCost {

	public static void main(String[] args) throws Exception {
		int threads = Integer.parseInt(args[0]);
		int seconds = Integer.parseInt(args[1]);
		PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
		String hash = encoder.encode("correct horse battery staple");
		for (int i = 0; i < 20; i++) {
			encoder.matches("correct horse battery staple", hash);
		}
		AtomicLong checks = new AtomicLong();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		Thread[] workers = new Thread[threads];
		for (int t = 0; t < threads; t++) {
			workers[t] = Thread.ofPlatform().start(() -> {
				while (System.nanoTime() < end) {
					if (!encoder.matches("correct horse battery staple", hash)) {
						throw new IllegalStateException("hash did not verify");
					}
					checks.incrementAndGet();
				}
			});
		}
		for (Thread worker : workers) {
			worker.join();
		}
		System.out.printf("argon2id checks: %d threads, %.1f checks/s, %.1f ms per check%n", threads,
				checks.get() / (double) seconds, threads * seconds * 1000.0 / checks.get());
	}

}
