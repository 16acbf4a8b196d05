import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How many password checks per second this machine's cores do: the ceiling for password
 * sign-ins, since each one costs one check. It checks a stored hash, the one the auth
 * service keeps for the benchmark's user (with its {@code {argon2}} prefix), so the cost
 * is whatever the service's settings made it. Each check fills the hash's memory on the
 * heap, so run it with the auth service's JVM options (bench/auth-signin.sh does).
 * Usage: PASSWORD=... java [auth service's JVM options] -cp <auth-service classpath>
 * bench/PasswordHashCost.java <threads> <seconds> <stored hash>
 */
public class PasswordHashCost {

	public static void main(String[] args) throws Exception {
		int threads = Integer.parseInt(args[0]);
		int seconds = Integer.parseInt(args[1]);
		String stored = args[2];
		String password = System.getenv("PASSWORD");
		if (!stored.startsWith("{argon2}")) {
			throw new IllegalArgumentException("not an Argon2id hash: " + stored);
		}
		// A check takes its cost from the hash, not from the encoder's settings.
		PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
		String hash = stored.substring("{argon2}".length());
		for (int i = 0; i < 20; i++) {
			if (!encoder.matches(password, hash)) {
				throw new IllegalStateException("hash did not verify");
			}
		}
		AtomicLong checks = new AtomicLong();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		Thread[] workers = new Thread[threads];
		for (int t = 0; t < threads; t++) {
			workers[t] = Thread.ofPlatform().start(() -> {
				while (System.nanoTime() < end) {
					if (!encoder.matches(password, hash)) {
						throw new IllegalStateException("hash did not verify");
					}
					checks.incrementAndGet();
				}
			});
		}
		// Checks per second, second by second: the median is the machine's steady rate,
		// which a moment's disturbance (another process, the host) does not move.
		long[] perSecond = new long[seconds];
		long before = 0;
		for (int second = 0; second < seconds; second++) {
			Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000 - (seconds - second - 1) * 1000L));
			long now = checks.get();
			perSecond[second] = now - before;
			before = now;
		}
		for (Thread worker : workers) {
			worker.join();
		}
		long[] sorted = perSecond.clone();
		Arrays.sort(sorted);
		double median = (sorted[(seconds - 1) / 2] + sorted[seconds / 2]) / 2.0;
		System.out.printf("argon2id checks: %d threads, %.1f checks/s (median of %d seconds; mean %.1f, slowest %d, "
				+ "fastest %d)%n", threads, median, seconds, checks.get() / (double) seconds, sorted[0],
				sorted[seconds - 1]);
	}

}
