package dev.springbase.functions.sdk.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * An object being downloaded: its bytes arrive as {@link #content()} is read. Close it
 * when done, even when not read to the end.
 */
public final class StorageDownload implements AutoCloseable {

	private final InputStream content;

	private final String contentType;

	private final long size;

	private final String etag;

	/**
	 * @param content the bytes, as they arrive
	 * @param contentType the object's type
	 * @param size its length in bytes, or -1 when the service did not say
	 * @param etag its entity tag, or {@code null}
	 */
	public StorageDownload(InputStream content, String contentType, long size, String etag) {
		this.content = content;
		this.contentType = contentType;
		this.size = size;
		this.etag = etag;
	}

	public InputStream content() {
		return this.content;
	}

	public String contentType() {
		return this.contentType;
	}

	/** The length in bytes, or -1 when unknown. */
	public long size() {
		return this.size;
	}

	public String etag() {
		return this.etag;
	}

	@Override
	public void close() {
		try {
			this.content.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
