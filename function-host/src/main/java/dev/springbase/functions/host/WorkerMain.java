package dev.springbase.functions.host;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;

/**
 * Entry point of a worker process.
 * <ul>
 * <li>{@code validate <jar> <handler>}: loads the handler as a deployment would and
 * prints one JSON line saying whether it works (exit 0) or why not (exit 2). The
 * functions service runs this before it accepts a deployment, so no user code ever runs
 * in its JVM.</li>
 * <li>{@code train <jar> <handler>}: the training run of a deployment's AOT cache
 * ({@link Training}); the functions service starts it with {@code -XX:AOTCacheOutput}
 * once the deployment is accepted.</li>
 * <li>{@code run <runtime-api-url>} with {@code SPRINGBASE_WORKER_TOKEN} in the
 * environment: serves invocations until the service tells it to stop or goes away.</li>
 * </ul>
 */
public final class WorkerMain {

	/** The environment variable that hands a worker the token of its runtime API. */
	public static final String TOKEN_VARIABLE = "SPRINGBASE_WORKER_TOKEN";

	/** The header in which a worker presents that token. */
	public static final String TOKEN_HEADER = "X-Worker-Token";

	private WorkerMain() {
	}

	public static void main(String[] args) {
		PrintStream out = System.out;
		if (args.length == 3 && "validate".equals(args[0])) {
			System.exit(Validation.run(Path.of(args[1]), args[2], out));
		}
		else if (args.length == 3 && "train".equals(args[0])) {
			System.exit(Training.run(Path.of(args[1]), args[2]));
		}
		else if (args.length == 2 && "run".equals(args[0])) {
			String token = System.getenv(TOKEN_VARIABLE);
			if (token == null || token.isBlank()) {
				System.err.println(TOKEN_VARIABLE + " is not set");
				System.exit(64);
			}
			System.exit(new Worker(new RuntimeClient(URI.create(args[1]), token)).run());
		}
		else {
			System.err
				.println("usage: WorkerMain validate <jar> <handler> | train <jar> <handler> | run <runtime-api-url>");
			System.exit(64);
		}
	}

}
