package dev.springbase.functions.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import dev.springbase.functions.config.FunctionsProperties;
import dev.springbase.functions.host.DeploymentClassPath;
import dev.springbase.platform.errors.ApiException;

/**
 * Deployed JARs on local disk, one file per version, named by the version id, each with
 * its AOT cache when it has one and, for a Spring Boot JAR, the directory the host
 * unpacked it into. An upload lands in {@code tmp/} first and is moved into place only
 * once it is accepted.
 */
@Component
class JarStore {

	private final Path root;

	private final long maxSize;

	JarStore(FunctionsProperties properties) {
		this.root = properties.dataDir().resolve("functions").resolve("jars").toAbsolutePath();
		this.maxSize = properties.maxJarSize().toBytes();
		try {
			Files.createDirectories(this.root.resolve("tmp"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + this.root
					+ "; set springbase.functions.data-dir (SPRINGBASE_DATA_DIR) to a writable directory", ex);
		}
	}

	/** Copies the upload aside, hashing it on the way, within the size limit. */
	Received receive(MultipartFile upload) {
		if (upload.getSize() > this.maxSize) {
			throw tooLarge();
		}
		try {
			Path file = Files.createTempFile(this.root.resolve("tmp"), "upload-", ".jar");
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			long size;
			try (InputStream in = new DigestInputStream(upload.getInputStream(), sha256);
					OutputStream out = Files.newOutputStream(file)) {
				size = in.transferTo(out);
			}
			if (size > this.maxSize) {
				Files.deleteIfExists(file);
				throw tooLarge();
			}
			return new Received(file, HexFormat.of().formatHex(sha256.digest()), size);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not keep the uploaded JAR", ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Path keep(Received received, UUID versionId) {
		Path target = path(versionId);
		try {
			Files.move(received.file(), target, StandardCopyOption.ATOMIC_MOVE);
			// What validation unpacked from a Spring Boot JAR goes with it.
			Path unpacked = DeploymentClassPath.unpackedDirectory(received.file());
			if (Files.isDirectory(unpacked)) {
				Files.move(unpacked, DeploymentClassPath.unpackedDirectory(target), StandardCopyOption.ATOMIC_MOVE);
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not store the JAR of version " + versionId, ex);
		}
	}

	Path path(UUID versionId) {
		return this.root.resolve(versionId + ".jar");
	}

	/** The version's AOT cache, beside its JAR; it may not exist. */
	Path aotCache(UUID versionId) {
		return this.root.resolve(versionId + ".aot");
	}

	/** Deletes a JAR with what was unpacked from it when it is a Spring Boot JAR. */
	void discardJar(Path jar) {
		discard(jar);
		try {
			DeploymentClassPath.delete(DeploymentClassPath.unpackedDirectory(jar));
		}
		catch (IOException ex) {
			// As with the JAR itself: nothing points at it any more.
		}
	}

	void discard(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// An orphaned file costs disk space only; nothing points at it.
		}
	}

	private ApiException tooLarge() {
		return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "functions.jar_too_large",
				"The JAR is larger than " + this.maxSize + " bytes, the most a deployment may be.");
	}

	record Received(Path file, String sha256, long size) {

	}

}
