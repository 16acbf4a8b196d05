package dev.springbase.examples.thumbnails;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Scaling and encoding with the JDK alone (Java 2D and ImageIO). */
final class Thumbnails {

	private static final float JPEG_QUALITY = 0.85f;

	private Thumbnails() {
	}

	/**
	 * The image scaled so that its longer side is {@code maxSide}, keeping its aspect
	 * ratio; smaller images keep their size. It is halved with bilinear filtering until
	 * less than halving is left, then scaled to size: one bilinear step over a large
	 * factor would skip most source pixels and alias nearly as badly as nearest-neighbour
	 * sampling.
	 */
	static BufferedImage scaleToFit(BufferedImage source, int maxSide, boolean keepAlpha) {
		int width = source.getWidth();
		int height = source.getHeight();
		double factor = Math.min(1.0, (double) maxSide / Math.max(width, height));
		int targetWidth = Math.max(1, (int) Math.round(width * factor));
		int targetHeight = Math.max(1, (int) Math.round(height * factor));
		int type = (keepAlpha && source.getColorModel().hasAlpha()) ? BufferedImage.TYPE_INT_ARGB
				: BufferedImage.TYPE_INT_RGB;
		BufferedImage current = source;
		do {
			width = Math.max(targetWidth, width / 2);
			height = Math.max(targetHeight, height / 2);
			current = draw(current, width, height, type);
		}
		while (width != targetWidth || height != targetHeight);
		return current;
	}

	private static BufferedImage draw(BufferedImage source, int width, int height, int type) {
		BufferedImage scaled = new BufferedImage(width, height, type);
		Graphics2D graphics = scaled.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			graphics.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
			graphics.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			graphics.dispose();
		}
		return scaled;
	}

	/** The image in the format, JPEG at quality 0.85. */
	static byte[] encode(BufferedImage image, ImageFormat format) {
		Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.imageIoName());
		if (!writers.hasNext()) {
			throw new IllegalStateException("This JDK has no ImageIO writer for " + format.imageIoName());
		}
		ImageWriter writer = writers.next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
			writer.setOutput(out);
			ImageWriteParam parameters = writer.getDefaultWriteParam();
			if (format == ImageFormat.JPEG) {
				parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				parameters.setCompressionQuality(JPEG_QUALITY);
			}
			writer.write(null, new IIOImage(image, null, null), parameters);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

}
