package dev.springbase.storage.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Blobs as files under one directory. Each write goes to a temporary file in the same
 * file system, is forced to disk, then renamed atomically into place and the directory
 * forced too: after a crash a blob is either whole or absent, and what is left in
 * {@code tmp/} is never visible as an object.
 */
public class FileSystemBlobStore implements BlobStore {

	private static final int BUFFER_SIZE = 64 * 1024;

	private final Path blobs;

	private final Path temporary;

	public FileSystemBlobStore(Path root) throws IOException {
		this.blobs = Files.createDirectories(root.resolve("blobs")).toAbsolutePath();
		this.temporary = Files.createDirectories(root.resolve("tmp")).toAbsolutePath();
		clearTemporaryFiles();
	}

	@Override
	public void write(String key, InputStream content) throws IOException {
		Path target = pathOf(key);
		Path part = this.temporary.resolve(UUID.randomUUID() + ".part");
		try {
			try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE)) {
				byte[] buffer = new byte[BUFFER_SIZE];
				// Whole buffers: one read may give only what one socket read brought,
				// and each write is a system call.
				for (int n = content.readNBytes(buffer, 0, BUFFER_SIZE); n > 0; n = content.readNBytes(buffer, 0,
						BUFFER_SIZE)) {
					ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
					while (chunk.hasRemaining()) {
						channel.write(chunk);
					}
				}
				channel.force(true);
			}
			Files.createDirectories(target.getParent());
			Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
			forceDirectory(target.getParent());
		}
		finally {
			Files.deleteIfExists(part);
		}
	}

	@Override
	public InputStream read(String key, long offset, long length) throws IOException {
		FileChannel channel = FileChannel.open(pathOf(key), StandardOpenOption.READ);
		try {
			channel.position(offset);
			InputStream in = Channels.newInputStream(channel);
			return (length >= 0) ? new BoundedInputStream(in, length) : in;
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
	}

	@Override
	public void copy(String sourceKey, String targetKey) throws IOException {
		try (InputStream in = read(sourceKey, 0, -1)) {
			write(targetKey, in);
		}
	}

	@Override
	public void delete(String key) throws IOException {
		Files.deleteIfExists(pathOf(key));
	}

	@Override
	public boolean exists(String key) {
		return Files.isRegularFile(pathOf(key));
	}

	@Override
	public Stream<String> keysWrittenBefore(Instant instant) throws IOException {
		return Files.walk(this.blobs).filter((path) -> {
			try {
				return Files.isRegularFile(path) && Files.getLastModifiedTime(path).toInstant().isBefore(instant);
			}
			catch (IOException ex) {
				// Deleted while walking.
				return false;
			}
		}).map((path) -> this.blobs.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/"));
	}

	/** Where a key lives; keys are made by this service, never taken from a client. */
	private Path pathOf(String key) {
		Path path = this.blobs.resolve(key).normalize();
		if (!path.startsWith(this.blobs)) {
			throw new IllegalArgumentException("Blob key leaves the blob directory: " + key);
		}
		return path;
	}

	private void clearTemporaryFiles() throws IOException {
		try (var parts = Files.list(this.temporary)) {
			for (Path part : parts.toList()) {
				try {
					Files.deleteIfExists(part);
				}
				catch (NoSuchFileException ex) {
					// another instance sharing the directory got there first
				}
			}
		}
	}

	private static void forceDirectory(Path directory) throws IOException {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

}
