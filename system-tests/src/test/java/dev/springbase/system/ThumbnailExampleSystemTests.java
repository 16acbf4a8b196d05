package dev.springbase.system;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.springbase.system.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The thumbnail example, built by the reactor, deployed into the running stack: a PNG and
 * a JPEG uploaded under {@code photos/} get a 200-px thumbnail under {@code thumbnails/}
 * and a row in the project's {@code thumbnails} table.
 */
class ThumbnailExampleSystemTests {

	private final Api api = Api.gateway();

	@Test
	void uploadedPhotosGetThumbnailsAndRows() throws IOException {
		String admin = this.api.adminToken();
		String project = this.api.createProject(admin, "Thumbnails " + System.nanoTime(), List.of());
		String secret = this.api.createKey(admin, project, "secret").string("key");
		this.api.post("/storage/v1/bucket").apikey(secret).json(Map.of("name", "media")).send().expectStatus(201);
		this.api.post("/functions/v1/database/sql")
			.apikey(secret)
			.json(Map.of("sql", "create table thumbnails (bucket text not null, source_key text not null,"
					+ " thumbnail_key text not null, width int not null, height int not null, bytes bigint not null,"
					+ " created_at timestamptz not null default now(), primary key (bucket, thumbnail_key))"))
			.send()
			.expectStatus(200);
		this.api.post("/functions/v1/functions/thumbnail/versions")
			.apikey(secret)
			.body("multipart/form-data; boundary=" + FunctionsSystemTests.BOUNDARY,
					FunctionsSystemTests.multipart(exampleJar(), "dev.springbase.examples.thumbnails.Thumbnail"))
			.send()
			.expectStatus(201);
		this.api.post("/functions/v1/functions/thumbnail/triggers")
			.apikey(secret)
			.json(Map.of("type", "storage", "bucket", "media", "prefix", "photos/", "events", List.of("created")))
			.send()
			.expectStatus(201);

		upload(secret, "photos/wide.png", "image/png", image(640, 480, "png"));
		upload(secret, "photos/tall.jpg", "image/jpeg", image(300, 900, "jpg"));

		BufferedImage wide = awaitThumbnail(secret, "thumbnails/wide.png", "image/png");
		assertThat(wide.getWidth()).isEqualTo(200);
		assertThat(wide.getHeight()).isEqualTo(150);
		BufferedImage tall = awaitThumbnail(secret, "thumbnails/tall.jpg", "image/jpeg");
		assertThat(tall.getWidth()).isEqualTo(67);
		assertThat(tall.getHeight()).isEqualTo(200);
		List<List<Object>> rows = rows(this.api.post("/functions/v1/database/sql")
			.apikey(secret)
			.json(Map.of("sql", "select source_key, thumbnail_key, width, height from thumbnails order by source_key"))
			.send()
			.expectStatus(200));
		assertThat(rows).containsExactly(List.of("photos/tall.jpg", "thumbnails/tall.jpg", 67, 200),
				List.of("photos/wide.png", "thumbnails/wide.png", 200, 150));
		// The thumbnails themselves are outside photos/, so they start nothing.
		SpringbaseStack.sleep(Duration.ofSeconds(1));
		assertThat(this.api.get("/functions/v1/invocations?function=thumbnail")
			.apikey(secret)
			.send()
			.expectStatus(200)
			.items()).hasSize(2)
			.allSatisfy((invocation) -> assertThat(invocation).containsEntry("status", "succeeded"));
	}

	private void upload(String secret, String key, String type, byte[] bytes) {
		this.api.call("PUT", "/storage/v1/object/media/" + key)
			.apikey(secret)
			.body(type, bytes)
			.send()
			.expectStatus(201);
	}

	private BufferedImage awaitThumbnail(String secret, String key, String type) throws IOException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		while (Instant.now().isBefore(deadline)) {
			HttpResponse<byte[]> response = this.api.get("/storage/v1/object/media/" + key).apikey(secret).download();
			if (response.statusCode() == 200) {
				assertThat(response.headers().firstValue("Content-Type"))
					.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith(type));
				BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
				assertThat(image).as("a valid image").isNotNull();
				return image;
			}
			SpringbaseStack.sleep(Duration.ofMillis(300));
		}
		throw new AssertionError("No " + key + " within 90s");
	}

	@SuppressWarnings("unchecked")
	private static List<List<Object>> rows(Response response) {
		return (List<List<Object>>) response.json().get("rows");
	}

	private static byte[] image(int width, int height, String format) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.ORANGE);
		graphics.fillRect(0, 0, width, height);
		graphics.setColor(Color.BLUE);
		graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, format, out);
		return out.toByteArray();
	}

	/** The example as the reactor built it. */
	private static Path exampleJar() {
		Path jar = Path.of(System.getProperty("springbase.root", ".."), "examples", "thumbnail-function", "target",
				"thumbnail-function-" + System.getProperty("springbase.version") + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("Missing " + jar + "; run the tests with ./mvnw verify from the root.");
		}
		return jar;
	}

}
