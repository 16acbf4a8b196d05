package dev.springbase.storage.objects;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentSnifferTests {

	static final byte[] PNG = HexFormat.of()
		.parseHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
				+ "1f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa6a1e9c80000000049454e44ae426082");

	private final ContentSniffer sniffer = new ContentSniffer();

	@Test
	void bytesWinOverAMisleadingName() throws IOException {
		assertThat(sniff(PNG, "photos/cat.txt")).isEqualTo("image/png");
		assertThat(sniff("plain text".getBytes(StandardCharsets.UTF_8), "fake.png")).isEqualTo("text/plain");
		assertThat(sniff(new byte[1024], "zeros.png")).isEqualTo("application/octet-stream");
	}

	@Test
	void nameRefinesWhatTheBytesShow() throws IOException {
		assertThat(sniff("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "export.json")).isEqualTo("application/json");
		assertThat(sniff("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "table.csv")).isEqualTo("text/csv");
		assertThat(sniff("plain text".getBytes(StandardCharsets.UTF_8), "notes")).isEqualTo("text/plain");
	}

	@Test
	void nameChoosesAmongTypesTheBytesMatch() throws IOException {
		byte[] officeLikeZip = zipWith("[Content_Types].xml");
		assertThat(sniff(officeLikeZip, "letter.docx"))
			.isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
		assertThat(sniff(officeLikeZip, "archive.zip")).isEqualTo("application/zip");
	}

	@Test
	void leavesTheStreamAtItsStart() throws IOException {
		InputStream content = new BufferedInputStream(new ByteArrayInputStream(PNG));
		this.sniffer.sniff(content, "archive.zip");
		assertThat(content.readAllBytes()).isEqualTo(PNG);
	}

	private String sniff(byte[] bytes, String key) throws IOException {
		return this.sniffer.sniff(new BufferedInputStream(new ByteArrayInputStream(bytes)), key);
	}

	private static byte[] zipWith(String entry) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry(entry));
			zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

}
