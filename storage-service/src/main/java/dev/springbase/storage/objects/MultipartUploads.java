package dev.springbase.storage.objects;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

import dev.springbase.platform.errors.ApiException;

/**
 * Reads a {@code multipart/form-data} upload as a stream, part by part, so the file is
 * never held in memory or spooled to disk by the container. Form fields must come before
 * the file part, as browsers send them in form order.
 */
final class MultipartUploads {

	/** Form fields are small settings; a larger one is a mistake. */
	private static final int MAX_FIELD_BYTES = 8 * 1024;

	private MultipartUploads() {
	}

	@FunctionalInterface
	interface FileHandler {

		ObjectView accept(InputStream content, Map<String, String> fieldsBeforeFile) throws IOException;

	}

	static ObjectView read(HttpServletRequest request, FileHandler handler) throws IOException {
		if (!JakartaServletFileUpload.isMultipartContent(request)) {
			throw ApiException.badRequest("storage.multipart_expected",
					"POST uploads are multipart/form-data with a file part; send raw bytes with PUT instead.");
		}
		Map<String, String> fields = new HashMap<>();
		try {
			FileItemInputIterator parts = new JakartaServletFileUpload<>().getItemIterator(request);
			while (parts.hasNext()) {
				FileItemInput part = parts.next();
				if (part.isFormField()) {
					fields.put(part.getFieldName(), readField(part));
				}
				else {
					try (InputStream content = part.getInputStream()) {
						return handler.accept(content, fields);
					}
				}
			}
		}
		catch (FileUploadException ex) {
			throw ApiException.badRequest("storage.malformed_multipart",
					"The multipart body could not be read: " + ex.getMessage());
		}
		throw ApiException.badRequest("storage.file_part_missing",
				"The multipart body has no file part; send the file as a part with a filename.");
	}

	private static String readField(FileItemInput part) throws IOException {
		try (InputStream in = part.getInputStream()) {
			byte[] value = in.readNBytes(MAX_FIELD_BYTES + 1);
			if (value.length > MAX_FIELD_BYTES) {
				throw ApiException.badRequest("storage.field_too_large",
						"Form field '" + part.getFieldName() + "' is longer than " + MAX_FIELD_BYTES + " bytes.");
			}
			return new String(value, StandardCharsets.UTF_8);
		}
	}

}
