package dev.springbase.functions.sdk.storage;

import java.io.InputStream;
import java.util.stream.Stream;

/**
 * The storage service of the function's project, with the function's own token: it may
 * read and write every bucket of its project (like a secret key) and sees nothing of
 * other projects, whose buckets answer as if they did not exist. Bodies stream both ways;
 * nothing is held whole in memory.
 *
 * <pre>{@code
 * StorageClient storage = FunctionContext.current().storage();
 * try (StorageDownload photo = storage.download("photos", "photos/cat.png")) {
 *     BufferedImage image = ImageIO.read(photo.content());
 *     ...
 * }
 * storage.upload("photos", "thumbnails/cat.png", new ByteArrayInputStream(png), "image/png");
 * }</pre>
 *
 * Every failure is a {@link StorageException} with the service's status and problem code,
 * such as {@code 404 storage.object_not_found}.
 */
public interface StorageClient {

	/**
	 * Stores the content under the key, replacing what is there. The stream is read to
	 * its end and sent as it is read; the caller closes it.
	 * @param contentType the type the content has; the storage service checks it against
	 * the bytes, which decide the stored type
	 * @return the stored object
	 */
	StorageObject upload(String bucket, String key, InputStream content, String contentType);

	/** Stores the bytes under the key, replacing what is there. */
	StorageObject upload(String bucket, String key, byte[] content, String contentType);

	/**
	 * Opens the object for reading. Its bytes come as they are read; close the download
	 * (try-with-resources) to free the connection.
	 * @throws StorageException {@code 404 storage.object_not_found} or
	 * {@code storage.bucket_not_found} when there is no such object
	 */
	StorageDownload download(String bucket, String key);

	/**
	 * Whether the object exists; false also when the bucket does not (or belongs to
	 * another project).
	 */
	boolean exists(String bucket, String key);

	/**
	 * Deletes the object.
	 * @throws StorageException {@code 404 storage.object_not_found} when there is none
	 */
	void delete(String bucket, String key);

	/** The first page of the objects whose keys start with the prefix, in key order. */
	ObjectPage list(String bucket, String prefix);

	/**
	 * The page after {@code cursor}, a {@link ObjectPage#nextCursor()} of the page
	 * before.
	 */
	ObjectPage list(String bucket, String prefix, String cursor);

	/**
	 * Every object whose key starts with the prefix, in key order, fetching further pages
	 * as the stream is consumed.
	 */
	Stream<StorageObject> listAll(String bucket, String prefix);

}
