package dev.springbase.examples.thumbnails;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

import dev.springbase.functions.sdk.FunctionContext;
import dev.springbase.functions.sdk.events.StorageObjectEvent;
import dev.springbase.functions.sdk.storage.StorageClient;
import dev.springbase.functions.sdk.storage.StorageDownload;
import dev.springbase.functions.sdk.storage.StorageException;

/**
 * For each PNG or JPEG stored under {@code photos/}, stores a copy scaled to fit 200
 * pixels as {@code thumbnails/<same name>} in the same bucket and type, and records it in
 * the project database's {@code thumbnails} table. Bind it to
 * {@code storage.object.created} with the prefix {@code photos/} (see the README). Events
 * may come more than once: the thumbnail is simply written, and its row updated, again.
 */
public class Thumbnail implements Consumer<StorageObjectEvent> {

	static final String SOURCE_PREFIX = "photos/";

	static final String TARGET_PREFIX = "thumbnails/";

	static final int MAX_SIDE = 200;

	static {
		// Decode in memory rather than through temporary files.
		ImageIO.setUseCache(false);
	}

	@Override
	public void accept(StorageObjectEvent event) {
		FunctionContext context = FunctionContext.current();
		Optional<String> target = thumbnailKey(event.key());
		Optional<ImageFormat> format = ImageFormat.of(event.contentType());
		if (target.isEmpty() || format.isEmpty()) {
			context.logger()
				.info("Not a PNG or JPEG photo, skipped: " + event.key() + " (" + event.contentType() + ")");
			return;
		}
		StorageClient storage = context.storage();
		BufferedImage photo;
		try (StorageDownload download = storage.download(event.bucket(), event.key())) {
			photo = ImageIO.read(download.content());
		}
		catch (StorageException ex) {
			if (ex.isNotFound()) {
				context.logger().info("Deleted before its thumbnail was made: " + event.key());
				return;
			}
			throw ex;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (photo == null) {
			context.logger().warn("Not a readable image, skipped: " + event.key());
			return;
		}
		BufferedImage thumbnail = Thumbnails.scaleToFit(photo, MAX_SIDE, format.get().keepsAlpha());
		byte[] encoded = Thumbnails.encode(thumbnail, format.get());
		storage.upload(event.bucket(), target.get(), encoded, format.get().contentType());
		try (Connection connection = context.database().connect()) {
			ThumbnailRecords.record(connection, event.bucket(), event.key(), target.get(), thumbnail.getWidth(),
					thumbnail.getHeight(), encoded.length);
		}
		catch (SQLException ex) {
			// A failed invocation gets the event again, and the row is written then.
			throw new IllegalStateException("Could not record the thumbnail of " + event.key(), ex);
		}
		context.logger()
			.info("Stored " + target.get() + " (" + thumbnail.getWidth() + "x" + thumbnail.getHeight() + ", "
					+ encoded.length + " bytes)");
	}

	/** {@code photos/2026/cat.png} becomes {@code thumbnails/2026/cat.png}. */
	static Optional<String> thumbnailKey(String key) {
		if (!key.startsWith(SOURCE_PREFIX) || key.length() == SOURCE_PREFIX.length()) {
			return Optional.empty();
		}
		return Optional.of(TARGET_PREFIX + key.substring(SOURCE_PREFIX.length()));
	}

}
