package dev.springbase.storage.objects;

import java.io.IOException;
import java.io.InputStream;

import dev.springbase.storage.blobs.BlobStore;

/** An object the requester may read: its metadata, and its bytes on demand. */
public record Download(ObjectView object, String blobKey, BlobStore blobs) {

	InputStream open(long offset, long length) throws IOException {
		return this.blobs.read(this.blobKey, offset, length);
	}

}
