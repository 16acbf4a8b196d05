package dev.springbase.storage.uploads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.springbase.storage.StorageClient.Reply;
import dev.springbase.storage.StorageServiceTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock tus-js-client, as web apps use it, uploads and resumes against the storage
 * service unchanged. The build installs it with {@code npm ci} from
 * {@code src/test/tus-js-client}.
 */
class StockTusJsClientTests extends StorageServiceTests {

	private static final Path CLIENT = Path.of("src/test/tus-js-client");

	@Test
	void resumesAnAbandonedUploadFromTheServersOffset(@TempDir Path dir) throws Exception {
		this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "videos"));
		byte[] data = new byte[1_000_000];
		new Random(7).nextBytes(data);
		Path file = Files.write(dir.resolve("clip.bin"), data);

		Map<String, String> printed = runClient(file, "videos", "clips/clip.bin");

		assertThat(printed).containsEntry("abandoned-at", "262144")
			.containsEntry("resumed-at", "262144")
			.containsEntry("completed", "true");
		assertThat(printed.get("url")).startsWith("http://localhost:" + this.port + "/storage/v1/upload/resumable/");
		Reply object = this.api.get("/storage/v1/object/videos/clips/clip.bin", this.secret);
		assertThat(object.status()).isEqualTo(200);
		assertThat(sha256(object.body())).isEqualTo(sha256(data));
	}

	private Map<String, String> runClient(Path file, String bucket, String key)
			throws IOException, InterruptedException {
		Process node = new ProcessBuilder("node", "upload.mjs",
				"http://localhost:" + this.port + "/storage/v1/upload/resumable", this.secret, file.toString(), bucket,
				key)
			.directory(CLIENT.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(node.exitValue()).as(output).isZero();
		return List.of(output.split("\n"))
			.stream()
			.filter((line) -> line.contains("="))
			.collect(Collectors.toMap((line) -> line.substring(0, line.indexOf('=')),
					(line) -> line.substring(line.indexOf('=') + 1)));
	}

}
