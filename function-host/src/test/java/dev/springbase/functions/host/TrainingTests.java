package dev.springbase.functions.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.springbase.testsupport.FunctionJars;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training run of the AOT cache, in a process of its own as the functions service
 * starts it: it loads the function like a worker but never calls it.
 */
class TrainingTests {

	@TempDir
	Path dir;

	@Test
	void loadsTheFunctionAndItsBindingWithoutCallingIt() throws Exception {
		Path created = this.dir.resolve("created");
		Path applied = this.dir.resolve("applied");
		Path jar = FunctionJars.build(this.dir, List.of(FunctionLoaderTests.sdk()), Map.of("demo.Order",
				"package demo; public record Order(String item, int quantity) {}", "demo.Marked", """
						package demo;

						import java.nio.file.Files;
						import java.nio.file.Path;

						public class Marked implements java.util.function.Function<Order, Order> {

							public Marked() throws Exception {
								Files.writeString(Path.of("CREATED"), "yes");
							}

							public Order apply(Order order) {
								try {
									Files.writeString(Path.of("APPLIED"), "yes");
								}
								catch (Exception ex) {
									throw new IllegalStateException(ex);
								}
								return order;
							}

						}""".replace("CREATED", created.toString()).replace("APPLIED", applied.toString())));

		Run run = train(jar, "demo.Marked");

		assertThat(run.status()).as(run.output()).isZero();
		assertThat(created).exists();
		assertThat(applied).doesNotExist();
	}

	@Test
	void failsWhenTheFunctionCannotBeLoaded() throws Exception {
		Path jar = FunctionJars.build(this.dir, List.of(), Map.of("demo.Other", "package demo; public class Other {}"));

		Run run = train(jar, "demo.Missing");

		assertThat(run.status()).isEqualTo(Worker.LOAD_FAILED);
		assertThat(run.output()).contains("demo.Missing");
	}

	private static Run train(Path jar, String handler) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), WorkerMain.class.getName(), "train", jar.toString(), handler)
			.redirectErrorStream(true)
			.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	private record Run(int status, String output) {

	}

}
