package dev.springbase.storage.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The bytes of unfinished uploads, one file each on local disk whatever the object
 * backend. The file's length is the upload's offset: what was forced to disk before a
 * connection broke is kept, so the client resumes from there.
 */
class PartialFiles {

	private static final int BUFFER_SIZE = 64 * 1024;

	private final Path directory;

	PartialFiles(Path directory) throws IOException {
		this.directory = Files.createDirectories(directory);
	}

	void create(UUID id) throws IOException {
		Files.createFile(pathOf(id));
	}

	long offset(UUID id) throws IOException {
		return Files.size(pathOf(id));
	}

	boolean exists(UUID id) {
		return Files.exists(pathOf(id));
	}

	InputStream open(UUID id) throws IOException {
		return Files.newInputStream(pathOf(id));
	}

	void delete(UUID id) throws IOException {
		Files.deleteIfExists(pathOf(id));
	}

	/** What to do once a chunk is appended, while the upload is still locked. */
	@FunctionalInterface
	interface AfterAppend {

		void accept(long offset) throws IOException;

	}

	/**
	 * Appends a chunk at {@code expectedOffset}, under an exclusive lock on the file (so
	 * two requests never write one upload, even from two instances). A chunk with a
	 * checksum is kept only whole and matching; one without keeps what arrived before a
	 * broken connection.
	 */
	void append(UUID id, long expectedOffset, long length, InputStream body, @Nullable MessageDigest checksum,
			byte @Nullable [] expectedChecksum, AfterAppend afterAppend) throws IOException {
		try (FileChannel channel = FileChannel.open(pathOf(id), StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				throw UploadException.busy();
			}
			try {
				long offset = channel.size();
				if (offset != expectedOffset) {
					throw UploadException.offsetMismatch(offset);
				}
				long end = write(channel, offset, length, body, checksum);
				if (checksum != null && !MessageDigest.isEqual(checksum.digest(), expectedChecksum)) {
					channel.truncate(offset);
					throw UploadException.checksumMismatch();
				}
				channel.force(false);
				afterAppend.accept(end);
			}
			finally {
				lock.release();
			}
		}
	}

	private static long write(FileChannel channel, long offset, long length, InputStream body,
			@Nullable MessageDigest checksum) throws IOException {
		channel.position(offset);
		byte[] buffer = new byte[BUFFER_SIZE];
		long position = offset;
		try {
			for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
				if (position + n > length) {
					channel.truncate(offset);
					throw UploadException.pastLength(length);
				}
				if (checksum != null) {
					checksum.update(buffer, 0, n);
				}
				ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
				while (chunk.hasRemaining()) {
					channel.write(chunk);
				}
				position += n;
			}
			return position;
		}
		catch (IOException ex) {
			// The connection broke. Without a checksum what arrived is good: keep it.
			if (checksum != null) {
				channel.truncate(offset);
			}
			channel.force(false);
			throw ex;
		}
	}

	private Path pathOf(UUID id) {
		return this.directory.resolve(id + ".part");
	}

}
