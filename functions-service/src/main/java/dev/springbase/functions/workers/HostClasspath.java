package dev.springbase.functions.workers;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

import dev.springbase.functions.host.WorkerMain;
import dev.springbase.functions.sdk.FunctionContext;

/**
 * The class path of worker processes: the host, the SDK and Jackson, copied as jar files
 * into {@code <data dir>/functions/host/<digest of their content>/}. The JVM's AOT cache
 * takes jar files only (tests and IDEs have class directories, which are packed), and a
 * cache built before a restart must find the same class path after it, which the files
 * the executable jar unpacks at each start do not promise. A new host (or a new SDK) gets
 * a new directory.
 */
final class HostClasspath {

	private HostClasspath() {
	}

	static String prepare(Path root) {
		List<Path> sources = sources();
		try {
			Path target = root.resolve(digest(sources));
			if (!Files.isDirectory(target)) {
				Files.createDirectories(root);
				Path building = Files.createTempDirectory(root, "building-");
				for (int i = 0; i < sources.size(); i++) {
					Path source = sources.get(i);
					Path jar = building
						.resolve(i + "-" + source.getFileName().toString().replaceAll("\\.jar$", "") + ".jar");
					if (Files.isDirectory(source)) {
						pack(source, jar);
					}
					else {
						Files.copy(source, jar);
					}
				}
				try {
					Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
				}
				catch (FileAlreadyExistsException | DirectoryNotEmptyException ex) {
					// Another instance sharing the data directory was first.
					delete(building);
				}
			}
			try (Stream<Path> jars = Files.list(target)) {
				return String.join(File.pathSeparator,
						jars.sorted().map((jar) -> jar.toAbsolutePath().toString()).toList());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare the function host's class path under " + root
					+ "; set springbase.functions.data-dir (SPRINGBASE_DATA_DIR) to a writable directory", ex);
		}
	}

	/**
	 * Where the host's classes come from here: jar files in the executable jar (which
	 * unpacks them at start, {@code requiresUnpack}), or class directories in tests.
	 */
	private static List<Path> sources() {
		Set<Path> entries = new LinkedHashSet<>();
		for (Class<?> type : List.of(WorkerMain.class, FunctionContext.class, JsonMapper.class,
				tools.jackson.core.JsonParser.class, com.fasterxml.jackson.annotation.JsonProperty.class,
				org.postgresql.Driver.class)) {
			URL location = type.getProtectionDomain().getCodeSource().getLocation();
			if (!"file".equals(location.getProtocol())) {
				throw new IllegalStateException("The function host's classes must come from plain files, but "
						+ type.getName() + " comes from " + location + "; add its jar to requiresUnpack");
			}
			try {
				entries.add(Path.of(location.toURI()));
			}
			catch (URISyntaxException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return new ArrayList<>(entries);
	}

	private static String digest(List<Path> sources) throws IOException {
		MessageDigest sha256;
		try {
			sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		for (Path source : sources) {
			sha256.update(source.getFileName().toString().getBytes(StandardCharsets.UTF_8));
			for (Path file : files(source)) {
				sha256.update(source.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
				sha256.update(Files.readAllBytes(file));
			}
		}
		return HexFormat.of().formatHex(sha256.digest(), 0, 12);
	}

	private static List<Path> files(Path source) throws IOException {
		if (!Files.isDirectory(source)) {
			return List.of(source);
		}
		try (Stream<Path> walk = Files.walk(source)) {
			return walk.filter(Files::isRegularFile).sorted().toList();
		}
	}

	private static void pack(Path directory, Path jar) throws IOException {
		try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
			for (Path entry : files(directory)) {
				out.putNextEntry(new JarEntry(directory.relativize(entry).toString().replace(File.separatorChar, '/')));
				Files.copy(entry, out);
				out.closeEntry();
			}
		}
	}

	private static void delete(Path directory) throws IOException {
		try (Stream<Path> walk = Files.walk(directory)) {
			for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
