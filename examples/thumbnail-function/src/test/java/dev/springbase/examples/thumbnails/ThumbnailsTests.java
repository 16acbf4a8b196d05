package dev.springbase.examples.thumbnails;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Scaling real PNG and JPEG files, made and read back with ImageIO. */
class ThumbnailsTests {

	@Test
	void scalesALandscapePngToTwoHundredPixelsWideKeepingItsTransparency() throws IOException {
		BufferedImage photo = read(encode(picture(800, 400, true), "png"));

		byte[] thumbnail = Thumbnails.encode(Thumbnails.scaleToFit(photo, 200, ImageFormat.PNG.keepsAlpha()),
				ImageFormat.PNG);

		assertThat(formatOf(thumbnail)).isEqualTo("png");
		BufferedImage decoded = read(thumbnail);
		assertThat(decoded.getWidth()).isEqualTo(200);
		assertThat(decoded.getHeight()).isEqualTo(100);
		assertThat(decoded.getColorModel().hasAlpha()).isTrue();
		assertThat(new Color(decoded.getRGB(100, 2), true).getAlpha()).isLessThan(255);
	}

	@Test
	void scalesAPortraitJpegToTwoHundredPixelsHighAsJpeg() throws IOException {
		BufferedImage photo = read(encode(picture(300, 1200, false), "jpeg"));

		byte[] thumbnail = Thumbnails.encode(Thumbnails.scaleToFit(photo, 200, ImageFormat.JPEG.keepsAlpha()),
				ImageFormat.JPEG);

		assertThat(formatOf(thumbnail)).isEqualTo("jpeg");
		BufferedImage decoded = read(thumbnail);
		assertThat(decoded.getWidth()).isEqualTo(50);
		assertThat(decoded.getHeight()).isEqualTo(200);
	}

	@Test
	void keepsTheAspectOfOddSizesAndNeverGoesBelowOnePixel() {
		BufferedImage odd = Thumbnails.scaleToFit(picture(1023, 767, false), 200, false);
		BufferedImage sliver = Thumbnails.scaleToFit(picture(2000, 3, false), 200, false);

		assertThat(odd.getWidth()).isEqualTo(200);
		assertThat(odd.getHeight()).isEqualTo(150);
		assertThat(sliver.getWidth()).isEqualTo(200);
		assertThat(sliver.getHeight()).isEqualTo(1);
	}

	@Test
	void leavesSmallImagesTheirSize() {
		BufferedImage small = Thumbnails.scaleToFit(picture(120, 80, false), 200, false);

		assertThat(small.getWidth()).isEqualTo(120);
		assertThat(small.getHeight()).isEqualTo(80);
	}

	@Test
	void averagesDetailAwayInsteadOfPickingPixels() {
		// One-pixel black and white stripes: nearest-neighbour sampling keeps pure black
		// or
		// pure white, filtering gives the grey the eye sees from afar.
		BufferedImage stripes = new BufferedImage(800, 800, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < 800; x++) {
			for (int y = 0; y < 800; y++) {
				stripes.setRGB(x, y, (x % 2 == 0) ? 0x000000 : 0xffffff);
			}
		}

		BufferedImage thumbnail = Thumbnails.scaleToFit(stripes, 200, false);

		for (int x = 0; x < 200; x += 13) {
			for (int y = 0; y < 200; y += 17) {
				assertThat(new Color(thumbnail.getRGB(x, y)).getRed()).as("pixel %d,%d", x, y).isBetween(100, 155);
			}
		}
	}

	@Test
	void knowsPngAndJpegByContentType() {
		assertThat(ImageFormat.of("image/png")).contains(ImageFormat.PNG);
		assertThat(ImageFormat.of("IMAGE/JPEG; foo=bar")).contains(ImageFormat.JPEG);
		assertThat(ImageFormat.of("image/gif")).isEmpty();
		assertThat(ImageFormat.of(null)).isEmpty();
	}

	@Test
	void namesTheThumbnailAfterThePhoto() {
		assertThat(Thumbnail.thumbnailKey("photos/2026/cat.png")).contains("thumbnails/2026/cat.png");
		assertThat(Thumbnail.thumbnailKey("thumbnails/cat.png")).isEmpty();
		assertThat(Thumbnail.thumbnailKey("photos/")).isEmpty();
	}

	private static BufferedImage picture(int width, int height, boolean transparentTop) {
		BufferedImage image = new BufferedImage(width, height,
				transparentTop ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
		graphics.fillRect(0, 0, width, height);
		if (transparentTop) {
			graphics.setComposite(java.awt.AlphaComposite.Clear);
			graphics.fillRect(0, 0, width, height / 10);
		}
		graphics.dispose();
		return image;
	}

	private static byte[] encode(BufferedImage image, String format) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ImageIO.write(image, format, out)).isTrue();
		return out.toByteArray();
	}

	private static BufferedImage read(byte[] bytes) throws IOException {
		return ImageIO.read(new ByteArrayInputStream(bytes));
	}

	private static String formatOf(byte[] bytes) throws IOException {
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			return readers.next().getFormatName().toLowerCase(java.util.Locale.ROOT);
		}
	}

}
