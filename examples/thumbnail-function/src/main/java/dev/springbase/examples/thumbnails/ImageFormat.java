package dev.springbase.examples.thumbnails;

import java.util.Locale;
import java.util.Optional;

/** The image types thumbnails are made of, each written back in its own type. */
enum ImageFormat {

	PNG("png", "image/png"), JPEG("jpeg", "image/jpeg");

	private final String imageIoName;

	private final String contentType;

	ImageFormat(String imageIoName, String contentType) {
		this.imageIoName = imageIoName;
		this.contentType = contentType;
	}

	/**
	 * The format of a content type such as {@code image/png; charset=...}, if supported.
	 */
	static Optional<ImageFormat> of(String contentType) {
		if (contentType == null) {
			return Optional.empty();
		}
		String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
		for (ImageFormat format : values()) {
			if (format.contentType.equals(type)) {
				return Optional.of(format);
			}
		}
		return Optional.empty();
	}

	String imageIoName() {
		return this.imageIoName;
	}

	String contentType() {
		return this.contentType;
	}

	/** JPEG has no alpha channel; PNG keeps transparency. */
	boolean keepsAlpha() {
		return this == PNG;
	}

}
