import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.management.OperatingSystemMXBean;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Whether Argon2id costs less with its 16 MiB taken from Bouncy Castle's block pool than
 * allocated afresh for every hash (what Spring Security's encoder does): alternating
 * rounds on two threads in one JVM, CPU per hash from the process's CPU time. Run it with
 * the auth service's JVM options, since the collector is half the question.
 * Usage: java [auth service's JVM options] -cp bcprov-jdk18on.jar
 * bench/Argon2BlockPoolCost.java [rounds, default 8] [seconds per round, default 10]
 */
public class Argon2BlockPoolCost {

	private static final int THREADS = 2;

	private static final int MEMORY_KIB = 16384;

	private static final Argon2BytesGenerator.FixedBlockPool POOL = new Argon2BytesGenerator.FixedBlockPool(
			THREADS * MEMORY_KIB);

	public static void main(String[] args) throws Exception {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
		long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
		if (!Arrays.equals(hash(true), hash(false))) {
			throw new IllegalStateException("the pool changed the hash");
		}
		OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
		for (int round = 0; round < rounds; round++) {
			boolean pooled = round % 2 == 1;
			AtomicInteger hashes = new AtomicInteger();
			long end = System.nanoTime() + seconds * 1_000_000_000L;
			long cpuBefore = os.getProcessCpuTime();
			Thread[] workers = new Thread[THREADS];
			for (int t = 0; t < THREADS; t++) {
				workers[t] = Thread.ofPlatform().start(() -> {
					while (System.nanoTime() < end) {
						hash(pooled);
						hashes.incrementAndGet();
					}
				});
			}
			for (Thread worker : workers) {
				worker.join();
			}
			double cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1e6;
			System.out.printf("%s: %.1f hashes/s, %.2f ms CPU per hash%n", pooled ? "pool " : "fresh",
					hashes.get() / (double) seconds, cpuMillis / hashes.get());
		}
	}

	private static byte[] hash(boolean pooled) {
		Argon2Parameters.Builder parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
			.withSalt(new byte[16])
			.withParallelism(1)
			.withMemoryAsKB(MEMORY_KIB)
			.withIterations(2);
		if (pooled) {
			parameters.withBlockPool(POOL);
		}
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(parameters.build());
		byte[] hash = new byte[32];
		generator.generateBytes("correct horse battery staple".getBytes(), hash);
		return hash;
	}

}
