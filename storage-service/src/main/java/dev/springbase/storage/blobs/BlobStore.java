package dev.springbase.storage.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.stream.Stream;

import org.slf4j.LoggerFactory;

/**
 * Where object bytes live. A blob is written once under a fresh key and never changed:
 * replacing an object writes a new blob and points the object's metadata at it, so a
 * reader never sees a mix of old and new bytes.
 */
public interface BlobStore {

	/**
	 * Streams the content into a new blob. The blob exists only once this returns
	 * normally: when reading the content fails (for example because a size limit was
	 * passed), nothing is left under the key.
	 */
	void write(String key, InputStream content) throws IOException;

	/**
	 * Opens the bytes from {@code offset}, {@code length} of them (to the end when
	 * negative).
	 */
	InputStream read(String key, long offset, long length) throws IOException;

	void copy(String sourceKey, String targetKey) throws IOException;

	/** Deletes the blob; a missing blob is not an error. */
	void delete(String key) throws IOException;

	/**
	 * Deletes a blob that no object references any more. A failure is only logged: the
	 * orphaned-blob sweep removes what is left.
	 */
	default void deleteUnreferenced(String key) {
		try {
			delete(key);
		}
		catch (IOException | RuntimeException ex) {
			LoggerFactory.getLogger(BlobStore.class)
				.warn("Could not delete blob {}; the orphaned-blob sweep removes it", key, ex);
		}
	}

	boolean exists(String key) throws IOException;

	/**
	 * The keys of every blob last written before the instant, in no particular order,
	 * read lazily; close the stream.
	 */
	Stream<String> keysWrittenBefore(Instant instant) throws IOException;

}
