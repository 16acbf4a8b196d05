package dev.springbase.storage.objects;

import java.io.IOException;
import java.io.InputStream;

import org.apache.tika.detect.Detector;
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

	private final Detector detector = MimeTypes.getDefaultMimeTypes();

	/** Sniffs the type; the stream must support mark and is left at its start. */
	String sniff(InputStream content, String key) throws IOException {
		MediaType fromBytes = this.detector.detect(content, new Metadata());
		if (MediaType.OCTET_STREAM.equals(fromBytes)) {
			return fromBytes.toString();
		}
		Metadata named = new Metadata();
		named.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName(key));
		return this.detector.detect(content, named).toString();
	}

	private static String fileName(String key) {
		return key.substring(key.lastIndexOf('/') + 1);
	}

}
