package dev.springbase.functions.workers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.springbase.functions.config.FunctionsProperties;
import dev.springbase.functions.host.WorkerMain;
import dev.springbase.platform.errors.ApiException;

/**
 * Starts function host processes: workers that serve a function, the short-lived checks
 * that load a new deployment before it is accepted, and the training runs that build a
 * deployment's AOT cache. User code runs in those processes only, never in this JVM.
 * Their environment is empty but for the worker token, so nothing of this service's
 * configuration (database password, master key) leaks into user code.
 * <p>
 * A worker's memory is capped beyond its heap ({@code memoryMb}) too: metaspace at half
 * the heap (64 to 256 MB), direct buffers at a quarter (at least 16 MB), and JIT-compiled
 * code at 32 MB; threads' stacks come from the JVM options ({@code -Xss512k}).
 */
@Component
public class WorkerLauncher {

	private static final Logger log = LoggerFactory.getLogger(WorkerLauncher.class);

	private static final int MAX_VALIDATION_OUTPUT = 64 * 1024;

	private static final int VALIDATION_MEMORY_MB = 128;

	/** How the JVM says that it refused an AOT cache: a warning or error of tag aot. */
	private static final Pattern AOT_REFUSED = Pattern.compile("^\\[[^\\]]*\\]\\[(warning|error)\\s*\\]\\[aot");

	private final FunctionsProperties properties;

	private final Environment environment;

	private final JsonMapper json;

	private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

	private final String classpath;

	private final boolean aotCache;

	/** Versions whose AOT cache the JVM refused; their workers start without it. */
	private final Set<UUID> refusedCaches = ConcurrentHashMap.newKeySet();

	WorkerLauncher(FunctionsProperties properties, Environment environment, JsonMapper json) {
		this.properties = properties;
		this.environment = environment;
		this.json = json;
		this.classpath = HostClasspath.prepare(properties.dataDir().resolve("functions").resolve("host"));
		this.aotCache = properties.workers().aotCache() && aotCompatible(properties.workers().jvmOptions());
	}

	/** The JVM refuses -XX:AOTCache next to options of the older class-data sharing. */
	private static boolean aotCompatible(List<String> jvmOptions) {
		List<String> conflicting = jvmOptions.stream()
			.filter((option) -> option.startsWith("-Xshare") || option.contains("SharedArchiveFile")
					|| option.contains(":AOT"))
			.toList();
		if (!conflicting.isEmpty()) {
			log.info("Function workers start without AOT caches: their JVM options {} set class-data sharing",
					conflicting);
		}
		return conflicting.isEmpty();
	}

	Process start(DeployedFunction function, WorkerProcess worker) throws IOException {
		boolean withCache = this.aotCache && !this.refusedCaches.contains(function.versionId())
				&& Files.isRegularFile(function.aotCache());
		List<String> command = command(function.memoryMb(), withCache ? "-XX:AOTCache=" + function.aotCache() : null);
		command.add("run");
		command.add(runtimeApi(worker.id));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().clear();
		builder.environment().put(WorkerMain.TOKEN_VARIABLE, worker.token);
		worker.aotCache = withCache;
		Process process = builder.start();
		drain(process.getInputStream(), (line) -> {
			worker.printed(line);
			if (withCache && AOT_REFUSED.matcher(line).find() && this.refusedCaches.add(function.versionId())) {
				log.warn(
						"The JVM refused the AOT cache {} of function {} ({}); its workers start without it. "
								+ "Deploying the JAR again builds a new one.",
						function.aotCache(), function.id(), line);
			}
			log.debug("worker {} of function {}: {}", worker.id, function.id(), line);
		});
		return process;
	}

	/**
	 * Builds the AOT cache of an accepted deployment: a training run of the host
	 * ({@code train} mode) with {@code -XX:AOTCacheOutput}, with the JVM options of its
	 * workers, written beside the JAR. A failure costs the cache, not the deployment.
	 * @return whether the cache was built
	 */
	public boolean buildAotCache(Path jar, String handler, int memoryMb, Path cache) {
		if (!this.aotCache) {
			return false;
		}
		long started = System.nanoTime();
		Path output = cache.resolveSibling(cache.getFileName() + ".building");
		List<String> command = command(memoryMb, "-XX:AOTCacheOutput=" + output);
		command.addAll(List.of("train", jar.toString(), handler));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().clear();
		StringBuilder out = new StringBuilder();
		try {
			Process process = builder.start();
			Thread drained = drain(process.getInputStream(), (line) -> append(out, line));
			Duration limit = this.properties.workers().validationTimeout();
			if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
				// The JVM assembles the cache in a child process of its own.
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				log.warn("Building the AOT cache of {} took longer than {} s; its workers start without one", jar,
						limit.toSeconds());
				return false;
			}
			drained.join(5000);
			if (process.exitValue() != 0 || !Files.isRegularFile(output)) {
				log.warn("Building the AOT cache of {} failed with status {}; its workers start without one:\n{}", jar,
						process.exitValue(), lastLines(out.toString()));
				return false;
			}
			Files.move(output, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			log.info("Built the AOT cache of {} in {} ms ({} KB)", jar,
					Duration.ofNanos(System.nanoTime() - started).toMillis(), Files.size(cache) / 1024);
			return true;
		}
		catch (IOException ex) {
			log.warn("Could not build the AOT cache of {}; its workers start without one", jar, ex);
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			try {
				Files.deleteIfExists(output);
				Files.deleteIfExists(output.resolveSibling(output.getFileName() + ".config"));
			}
			catch (IOException ex) {
				// Leftovers cost disk space only.
			}
		}
	}

	/**
	 * Loads the handler from the JAR in a separate process, as a worker would.
	 * @return the kind of function it is: {@code function}, {@code consumer} or
	 * {@code supplier}
	 * @throws ApiException when the JAR or the handler cannot be used
	 */
	public String validate(Path jar, String handler) {
		List<String> command = command(VALIDATION_MEMORY_MB, null);
		command.addAll(List.of("validate", jar.toString(), handler));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().clear();
		StringBuilder out = new StringBuilder();
		StringBuilder err = new StringBuilder();
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the function host to check the deployment", ex);
		}
		Thread stdout = drain(process.getInputStream(), (line) -> append(out, line));
		Thread stderr = drain(process.getErrorStream(), (line) -> append(err, line));
		try {
			if (!process.waitFor(this.properties.workers().validationTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw ApiException.badRequest("functions.handler_failed",
						"Loading " + handler + " took longer than "
								+ this.properties.workers().validationTimeout().toSeconds()
								+ " s; a function must be ready quickly (do slow work on first use).");
			}
			stdout.join(5000);
			stderr.join(5000);
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while checking a deployment", ex);
		}
		return verdict(process.exitValue(), out.toString().strip(), err.toString().strip(), handler);
	}

	private String verdict(int status, String out, String err, String handler) {
		Map<String, Object> answer = null;
		if (out.startsWith("{")) {
			answer = this.json.readValue(out.lines().findFirst().orElse("{}"), new TypeReference<>() {
			});
		}
		if (answer == null) {
			throw ApiException.badRequest("functions.handler_failed", "Loading " + handler
					+ " ended the process with status " + status + (err.isEmpty() ? "." : ": " + lastLines(err)));
		}
		if (Boolean.TRUE.equals(answer.get("ok"))) {
			return String.valueOf(answer.get("kind"));
		}
		String reason = String.valueOf(answer.get("reason"));
		throw ApiException.badRequest("functions." + reason, String.valueOf(answer.get("message")));
	}

	private List<String> command(int memoryMb, @Nullable String aotOption) {
		List<String> command = new ArrayList<>();
		command.add(this.java);
		command.addAll(memoryLimits(memoryMb));
		command.addAll(this.properties.workers().jvmOptions());
		if (aotOption != null) {
			command.add(aotOption);
		}
		command.add("-cp");
		command.add(this.classpath);
		command.add(WorkerMain.class.getName());
		return command;
	}

	/** The heap, and caps on the JVM's memory beyond it, from the function's memory. */
	static List<String> memoryLimits(int memoryMb) {
		int metaspace = Math.clamp(memoryMb / 2, 64, 256);
		int direct = Math.max(16, memoryMb / 4);
		return List.of("-Xmx" + memoryMb + "m", "-XX:MaxMetaspaceSize=" + metaspace + "m",
				"-XX:MaxDirectMemorySize=" + direct + "m", "-XX:ReservedCodeCacheSize=32m");
	}

	private String runtimeApi(UUID workerId) {
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8083"));
		return "http://" + this.properties.workers().runtimeHost() + ":" + port + "/internal/workers/" + workerId;
	}

	private static Thread drain(InputStream stream, Consumer<String> lines) {
		return Thread.ofVirtual().start(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					lines.accept(line);
				}
			}
			catch (IOException ex) {
				// The process is gone; so is its output.
			}
		});
	}

	private static void append(StringBuilder buffer, String line) {
		synchronized (buffer) {
			if (buffer.length() < MAX_VALIDATION_OUTPUT) {
				buffer.append(line).append('\n');
			}
		}
	}

	private static String lastLines(String text) {
		List<String> lines = text.lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
	}

}
