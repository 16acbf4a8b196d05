package dev.springbase.functions.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import dev.springbase.functions.host.LoadFailure.Reason;

/**
 * The class path of a deployed JAR: the JAR itself when it is a plain one, or, for a
 * Spring Boot executable JAR ({@code BOOT-INF/classes} and {@code BOOT-INF/lib/*.jar},
 * what {@code spring-boot-maven-plugin} repackages), its classes and nested libraries
 * unpacked once into {@link #unpackedDirectory a directory beside it}, all as JAR files:
 * the JDK's class loaders cannot read a JAR inside a JAR, and its AOT cache keeps the
 * classes of a user-defined class loader only when they come from a JAR file. Unpacking
 * at deploy time (validation does it) spares every worker start the work.
 */
public final class DeploymentClassPath {

	private static final String CLASSES = "BOOT-INF/classes/";

	private static final String LIB = "BOOT-INF/lib/";

	private DeploymentClassPath() {
	}

	/**
	 * Where a Spring Boot JAR's content is unpacked: {@code <jar>.unpacked} beside it;
	 * whoever deletes the JAR deletes it too.
	 */
	public static Path unpackedDirectory(Path jar) {
		return jar.resolveSibling(jar.getFileName() + ".unpacked");
	}

	static URL[] of(Path jar) throws LoadFailure {
		boolean boot;
		try (JarFile file = new JarFile(jar.toFile())) {
			boot = file.stream().anyMatch((entry) -> entry.getName().startsWith("BOOT-INF/"));
		}
		catch (IOException | SecurityException ex) {
			throw new LoadFailure(Reason.INVALID_JAR, "The upload is not a readable JAR: " + ex.getMessage());
		}
		if (!boot) {
			return new URL[] { url(jar) };
		}
		Path unpacked = unpackedDirectory(jar);
		if (!Files.isDirectory(unpacked)) {
			unpack(jar, unpacked);
		}
		List<URL> urls = new ArrayList<>();
		urls.add(url(unpacked.resolve("classes.jar")));
		try (Stream<Path> libs = Files.list(unpacked.resolve("lib"))) {
			for (Path lib : libs.sorted().toList()) {
				urls.add(url(lib));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + unpacked, ex);
		}
		return urls.toArray(URL[]::new);
	}

	/**
	 * Unpacks into a fresh directory and moves it into place, so that a worker never sees
	 * half of it and racing processes unpack at most twice, never mix.
	 */
	private static void unpack(Path jar, Path target) throws LoadFailure {
		Path building;
		try {
			building = Files.createTempDirectory(target.getParent(), target.getFileName() + ".");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot unpack " + jar + " beside it", ex);
		}
		try {
			Path lib = Files.createDirectory(building.resolve("lib"));
			int index = 0;
			try (JarFile file = new JarFile(jar.toFile());
					JarOutputStream classes = new JarOutputStream(
							Files.newOutputStream(building.resolve("classes.jar")))) {
				for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
					JarEntry entry = entries.nextElement();
					String name = entry.getName();
					if (entry.isDirectory()) {
						continue;
					}
					if (name.startsWith(CLASSES)) {
						classes.putNextEntry(new JarEntry(name.substring(CLASSES.length())));
						try (InputStream in = file.getInputStream(entry)) {
							in.transferTo(classes);
						}
						classes.closeEntry();
					}
					else if (name.startsWith(LIB) && name.endsWith(".jar") && name.indexOf('/', LIB.length()) < 0) {
						// Numbered in the JAR's order, which is the class path order the
						// plugin writes (BOOT-INF/classpath.idx).
						Path nested = lib.resolve("%04d-%s".formatted(index++, name.substring(LIB.length())));
						copy(file, entry, nested);
						checkNested(nested, name);
					}
				}
			}
			try {
				Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | DirectoryNotEmptyException ex) {
				delete(building);
			}
		}
		catch (IOException ex) {
			deleteQuietly(building);
			throw new LoadFailure(Reason.INVALID_JAR, "The Spring Boot JAR cannot be unpacked: " + ex.getMessage());
		}
		catch (LoadFailure ex) {
			deleteQuietly(building);
			throw ex;
		}
	}

	private static void copy(JarFile file, JarEntry entry, Path target) throws IOException {
		try (InputStream in = file.getInputStream(entry)) {
			Files.copy(in, target);
		}
	}

	private static void checkNested(Path nested, String name) throws LoadFailure {
		try (JarFile file = new JarFile(nested.toFile())) {
			file.stream().count();
		}
		catch (IOException | SecurityException ex) {
			throw new LoadFailure(Reason.INVALID_JAR,
					"The Spring Boot JAR's library " + name + " is not a readable JAR: " + ex.getMessage());
		}
	}

	private static URL url(Path path) {
		try {
			return path.toUri().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void deleteQuietly(Path directory) {
		try {
			delete(directory);
		}
		catch (IOException ex) {
			// A leftover temporary directory costs disk space only.
		}
	}

	/** Deletes a directory and what it holds; nothing when it does not exist. */
	public static void delete(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(directory)) {
			for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
