package dev.springbase.system;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1 GiB object up and down through the gateway, with every service on a 256 MiB heap
 * (see {@link SpringbaseStack}): bodies must stream end to end. Slower than the other
 * system tests, and still part of every run.
 */
@Tag("slow")
class LargeObjectSystemTests {

	private static final long SIZE = 1024L * 1024 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Api api = Api.gateway();

	@Test
	void uploadsAndDownloadsOneGibibyteIntact() throws Exception {
		String admin = this.api.adminToken();
		String project = this.api.createProject(admin, "Large " + System.nanoTime(), List.of());
		String secret = this.api.createKey(admin, project, "secret").string("key");
		this.api.post("/storage/v1/bucket").apikey(secret).json(Map.of("name", "large")).send().expectStatus(201);

		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		String url = SpringbaseStack.get().gatewayUrl() + "/storage/v1/object/large/one-gib.bin";
		MessageDigest sent = MessageDigest.getInstance("SHA-256");
		HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofMinutes(10))
			.header("apikey", secret)
			.PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new DigestInputStream(new PatternStream(SIZE), sent)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		String sentHex = HexFormat.of().formatHex(sent.digest());
		@SuppressWarnings("unchecked")
		Map<String, Object> object = JSON.readValue(uploaded.body(), Map.class);
		assertThat(((Number) object.get("size")).longValue()).isEqualTo(SIZE);
		assertThat(object).containsEntry("sha256", sentHex);

		HttpResponse<InputStream> downloaded = http.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofMinutes(10))
			.header("apikey", secret)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(downloaded.statusCode()).isEqualTo(200);
		MessageDigest received = MessageDigest.getInstance("SHA-256");
		long count = 0;
		try (InputStream in = downloaded.body()) {
			byte[] buffer = new byte[256 * 1024];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				received.update(buffer, 0, n);
				count += n;
			}
		}
		assertThat(count).isEqualTo(SIZE);
		assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(sentHex);
	}

	/** Reproducible, incompressible-looking bytes without holding them in memory. */
	static final class PatternStream extends InputStream {

		private final long size;

		private long position;

		private long state = 0x9E3779B97F4A7C15L;

		PatternStream(long size) {
			this.size = size;
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.position >= this.size) {
				return -1;
			}
			int n = (int) Math.min(length, this.size - this.position);
			for (int i = 0; i < n; i++) {
				if ((this.position + i) % 8 == 0) {
					this.state ^= this.state << 13;
					this.state ^= this.state >>> 7;
					this.state ^= this.state << 17;
				}
				buffer[offset + i] = (byte) (this.state >>> (8 * ((this.position + i) % 8)));
			}
			this.position += n;
			return n;
		}

	}

}
