package dev.springbase.functions.workers;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.springbase.functions.config.FunctionsProperties;
import dev.springbase.functions.host.WorkerMain;
import dev.springbase.functions.sdk.FunctionContext;
import dev.springbase.platform.errors.ApiException;

/**
 * Starts function host processes: workers that serve a function, and the short-lived
 * checks that load a new deployment before it is accepted. User code runs in those
 * processes only, never in this JVM. Their environment is empty but for the worker token,
 * so nothing of this service's configuration (database password, master key) leaks into
 * user code.
 */
@Component
public class WorkerLauncher {

	private static final Logger log = LoggerFactory.getLogger(WorkerLauncher.class);

	private static final int MAX_VALIDATION_OUTPUT = 64 * 1024;

	private static final int VALIDATION_MEMORY_MB = 128;

	private final FunctionsProperties properties;

	private final Environment environment;

	private final JsonMapper json;

	private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

	private final String classpath = hostClasspath();

	WorkerLauncher(FunctionsProperties properties, Environment environment, JsonMapper json) {
		this.properties = properties;
		this.environment = environment;
		this.json = json;
	}

	Process start(DeployedFunction function, WorkerProcess worker) throws IOException {
		List<String> command = command(function.memoryMb());
		command.add("run");
		command.add(runtimeApi(worker.id));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().clear();
		builder.environment().put(WorkerMain.TOKEN_VARIABLE, worker.token);
		Process process = builder.start();
		drain(process.getInputStream(), (line) -> {
			worker.printed(line);
			log.debug("worker {} of function {}: {}", worker.id, function.id(), line);
		});
		return process;
	}

	/**
	 * Loads the handler from the JAR in a separate process, as a worker would.
	 * @return the kind of function it is: {@code function}, {@code consumer} or
	 * {@code supplier}
	 * @throws ApiException when the JAR or the handler cannot be used
	 */
	public String validate(Path jar, String handler) {
		List<String> command = command(VALIDATION_MEMORY_MB);
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

	private List<String> command(int memoryMb) {
		List<String> command = new ArrayList<>();
		command.add(this.java);
		command.add("-Xmx" + memoryMb + "m");
		command.addAll(this.properties.workers().jvmOptions());
		command.add("-cp");
		command.add(this.classpath);
		command.add(WorkerMain.class.getName());
		return command;
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

	/**
	 * The host, the SDK, Jackson and the PostgreSQL driver (for the project database
	 * client) as plain jar files: the test classpath has them so, and the executable jar
	 * unpacks them at start ({@code requiresUnpack}).
	 */
	private static String hostClasspath() {
		Set<String> entries = new LinkedHashSet<>();
		for (Class<?> type : List.of(WorkerMain.class, FunctionContext.class, JsonMapper.class,
				tools.jackson.core.JsonParser.class, com.fasterxml.jackson.annotation.JsonProperty.class,
				org.postgresql.Driver.class)) {
			URL location = type.getProtectionDomain().getCodeSource().getLocation();
			if (!"file".equals(location.getProtocol())) {
				throw new IllegalStateException("The function host's classes must come from plain files, but "
						+ type.getName() + " comes from " + location + "; add its jar to requiresUnpack");
			}
			try {
				entries.add(Path.of(location.toURI()).toString());
			}
			catch (URISyntaxException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return String.join(File.pathSeparator, entries);
	}

}
