package dev.springbase.storage.blobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FileSystemBlobStoreTests extends BlobStoreContractTests {

	@TempDir
	Path root;

	FileSystemBlobStore store;

	@BeforeEach
	void openStore() throws IOException {
		this.store = new FileSystemBlobStore(this.root);
	}

	@Override
	BlobStore store() {
		return this.store;
	}

	@Test
	void leavesNoTemporaryFileBehindAFailedWrite() {
		try {
			this.store.write(newKey(), failingAfter(bytes(100_000), 50_000));
		}
		catch (IOException | RuntimeException expected) {
			// the write must fail; what matters is what it leaves
		}
		assertThat(files(this.root)).isEmpty();
	}

	@Test
	void clearsPartialFilesOfACrashedWriteOnStartWithoutShowingThem() throws IOException {
		// What a crash mid-write leaves: a part file that was never renamed into place.
		Path part = Files.writeString(this.root.resolve("tmp").resolve("crashed.part"), "half an object");
		new FileSystemBlobStore(this.root);
		assertThat(part).doesNotExist();
		assertThat(files(this.root)).isEmpty();
	}

	private static java.util.List<Path> files(Path root) {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).toList();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
