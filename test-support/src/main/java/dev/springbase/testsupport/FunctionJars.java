package dev.springbase.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real function JARs in tests: compiles Java sources with the JDK's compiler and
 * packs the classes into a JAR, as a function author's build would.
 */
public final class FunctionJars {

	private FunctionJars() {
	}

	/**
	 * @param directory where to work; the JAR is written there
	 * @param classpath what the sources compile against (the functions SDK, typically)
	 * @param sources fully qualified class name to its source
	 * @return the JAR
	 */
	public static Path build(Path directory, List<Path> classpath, Map<String, String> sources) {
		try {
			Path work = Files.createTempDirectory(directory, "function-");
			Path sourceDir = Files.createDirectories(work.resolve("src"));
			Path classes = Files.createDirectories(work.resolve("classes"));
			List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none"));
			if (!classpath.isEmpty()) {
				arguments.add("-cp");
				arguments.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
			}
			for (Map.Entry<String, String> source : sources.entrySet()) {
				Path file = sourceDir.resolve(source.getKey().replace('.', '/') + ".java");
				Files.createDirectories(file.getParent());
				Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
				arguments.add(file.toString());
			}
			JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
			int status = compiler.run(null, null, null, arguments.toArray(String[]::new));
			if (status != 0) {
				throw new IllegalStateException(
						"The test function does not compile (the compiler's messages are in the test output)");
			}
			Path jar = work.resolve("function.jar");
			try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
					Stream<Path> files = Files.walk(classes)) {
				for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
					out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
					Files.copy(file, out);
					out.closeEntry();
				}
			}
			return jar;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A file that is no JAR, to prove uploads are checked. */
	public static Path notAJar(Path directory) {
		try {
			Path file = Files.createTempFile(directory, "not-a-jar", ".jar");
			try (OutputStream out = Files.newOutputStream(file)) {
				out.write("this is plain text, not a zip archive".getBytes(StandardCharsets.UTF_8));
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
