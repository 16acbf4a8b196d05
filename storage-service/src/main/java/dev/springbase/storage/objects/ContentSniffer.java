package dev.springbase.storage.objects;

import java.io.IOException;
import java.io.InputStream;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

import org.springframework.stereotype.Component;

/**
 * Reads an upload's type from its first bytes with Apache Tika, never from what the
 * client claims. The file name only refines a type the bytes already show (plain text
 * into JSON or CSV, say); it cannot turn unknown bytes into an image.
 */
@Component
class ContentSniffer {

	private final MimeTypes types = MimeTypes.getDefaultMimeTypes();

	/**
	 * Sniffs the type; the stream must support mark and is left at its start. Matching
	 * the bytes against Tika's magic rules is what costs (about a millisecond), so it
	 * runs once unless the name points at a type the bytes' best match does not lead to.
	 */
	String sniff(InputStream content, String key) throws IOException {
		MediaType fromBytes = this.types.detect(content, new Metadata());
		if (MediaType.OCTET_STREAM.equals(fromBytes)) {
			return fromBytes.toString();
		}
		Metadata named = new Metadata();
		named.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName(key));
		// Without content, Tika goes by the name alone: cheap.
		MediaType fromName = this.types.detect(null, named);
		if (MediaType.OCTET_STREAM.equals(fromName)) {
			return fromBytes.toString();
		}
		if (fromName.equals(fromBytes) || this.types.getMediaTypeRegistry().isSpecializationOf(fromName, fromBytes)) {
			return fromName.toString();
		}
		// The name may still pick another type the bytes match (a .zip whose bytes look
		// like an office file first): only both together decide that.
		return this.types.detect(content, named).toString();
	}

	private static String fileName(String key) {
		return key.substring(key.lastIndexOf('/') + 1);
	}

}
