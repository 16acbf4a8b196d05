package dev.springbase.functions.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.loader.tools.Library;
import org.springframework.boot.loader.tools.LibraryScope;
import org.springframework.boot.loader.tools.Repackager;
import org.springframework.test.context.TestPropertySource;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.functions.FunctionsServiceTests;
import dev.springbase.testsupport.FunctionJars;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot executable JARs as deployments, repackaged here by the same code
 * {@code spring-boot-maven-plugin} runs: the function's classes under
 * {@code BOOT-INF/classes}, a library it calls under {@code BOOT-INF/lib}. With the AOT
 * cache on, as deployed services have it, since its training run loads the function too.
 */
@TestPropertySource(properties = "springbase.functions.workers.aot-cache=true")
class BootJarDeploymentTests extends FunctionsServiceTests {

	@TempDir
	Path work;

	@Test
	void deploysAndInvokesASpringBootExecutableJarWhoseFunctionCallsANestedLibrary() throws IOException {
		Path boot = bootJar();
		try (JarFile jar = new JarFile(boot.toFile())) {
			assertThat(jar.getEntry("BOOT-INF/classes/demo/Shout.class")).isNotNull();
			assertThat(jar.getEntry("BOOT-INF/lib/letters.jar")).isNotNull();
			assertThat(jar.getEntry("demo/Shout.class")).isNull();
		}
		String name = uniqueName("boot");

		Reply deployed = this.api.deploy(name, this.secret, boot, "demo.Shout::shout");

		assertThat(deployed.status()).as(deployed.text()).isEqualTo(201);
		assertThat(invoke(name, "ada").text()).isEqualTo("ADA!");
		try (var files = Files.list(dataDir.resolve("functions/jars"))) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.anySatisfy((file) -> assertThat(file).endsWith(".jar.unpacked"))
				.anySatisfy((file) -> assertThat(file).endsWith(".aot"));
		}
	}

	@Test
	void refusesASpringBootJarWithANestedLibraryThatIsNoJar() throws IOException {
		Path broken = withNestedEntry(bootJar(), "BOOT-INF/lib/letters.jar",
				"this is plain text, not a zip archive".getBytes(StandardCharsets.UTF_8));
		String name = uniqueName("badlib");

		Reply refused = this.api.deploy(name, this.secret, broken, "demo.Shout::shout");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("functions.invalid_jar");
		assertThat(refused.json().get("detail").toString()).contains("BOOT-INF/lib/letters.jar is not a readable JAR");
		assertThat(this.api.get("/functions/v1/functions/" + name, this.secret).status()).isEqualTo(404);
		try (var files = Files.list(dataDir.resolve("functions/jars/tmp"))) {
			assertThat(files).isEmpty();
		}
	}

	private Path library() {
		Path jar = FunctionJars.build(this.work, List.of(), Map.of("letters.Upper", """
				package letters;
				public final class Upper {
					public static String of(String text) { return text.toUpperCase(java.util.Locale.ROOT) + "!"; }
				}"""));
		try {
			return Files.move(jar, jar.resolveSibling("letters.jar"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A function in the style of a Spring Cloud Function {@code @Bean} method, compiled
	 * against the library and repackaged with it as a Spring Boot application.
	 */
	private Path bootJar() throws IOException {
		Path letters = library();
		Path plain = FunctionJars.build(this.work, List.of(letters), Map.of("demo.Shout", """
				package demo;
				public class Shout {
					public java.util.function.Function<String, String> shout() { return letters.Upper::of; }
					public static void main(String[] args) { }
				}"""));
		Path boot = Files.createTempFile(this.work, "boot-", ".jar");
		Repackager repackager = new Repackager(plain.toFile());
		repackager.setBackupSource(false);
		repackager.setMainClass("demo.Shout");
		repackager.repackage(boot.toFile(),
				(callback) -> callback.library(new Library(letters.toFile(), LibraryScope.COMPILE)));
		return boot;
	}

	/**
	 * The JAR with one entry's bytes replaced, stored uncompressed as the plugin stores
	 * nested JARs.
	 */
	private Path withNestedEntry(Path jar, String name, byte[] bytes) throws IOException {
		Path copy = Files.createTempFile(this.work, "boot-", ".jar");
		try (JarFile in = new JarFile(jar.toFile());
				JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy))) {
			for (JarEntry entry : in.stream().toList()) {
				if (entry.getName().equals(name)) {
					JarEntry replaced = new JarEntry(name);
					replaced.setMethod(ZipEntry.STORED);
					replaced.setSize(bytes.length);
					CRC32 crc = new CRC32();
					crc.update(bytes);
					replaced.setCrc(crc.getValue());
					out.putNextEntry(replaced);
					out.write(bytes);
				}
				else {
					out.putNextEntry(new JarEntry(entry.getName()));
					try (var entryIn = in.getInputStream(entry)) {
						entryIn.transferTo(out);
					}
				}
				out.closeEntry();
			}
		}
		return copy;
	}

	private Reply invoke(String name, String input) {
		return this.api.post("/functions/v1/" + name, this.secret, input, "Content-Type", "text/plain");
	}

}
