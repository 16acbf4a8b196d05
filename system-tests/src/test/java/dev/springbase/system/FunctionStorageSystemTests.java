package dev.springbase.system;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.springbase.functions.sdk.FunctionContext;
import dev.springbase.system.Api.Response;
import dev.springbase.testsupport.FunctionJars;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployed function uses its project's storage through the SDK, with the token the auth
 * service minted for it on the functions service's request, and reaches nothing of
 * another project's storage.
 */
class FunctionStorageSystemTests {

	private static final String FILES = """
			package demo;

			import java.io.ByteArrayInputStream;
			import java.io.InputStream;
			import java.nio.charset.StandardCharsets;
			import java.util.stream.Collectors;

			import dev.springbase.functions.sdk.FunctionContext;
			import dev.springbase.functions.sdk.storage.StorageClient;
			import dev.springbase.functions.sdk.storage.StorageDownload;
			import dev.springbase.functions.sdk.storage.StorageException;
			import dev.springbase.functions.sdk.storage.StorageObject;

			public class Files implements java.util.function.Function<String, String> {

				public String apply(String command) {
					StorageClient storage = FunctionContext.current().storage();
					try {
						if (command.equals("round-trip")) {
							return roundTrip(storage);
						}
						if (command.startsWith("big ")) {
							StorageObject stored = storage.upload(command.substring(4), "big/zeros.bin",
									new Zeros(3_000_000), "application/octet-stream");
							return stored.size() + " " + stored.sha256();
						}
						if (command.startsWith("read ")) {
							String[] target = command.substring(5).split("/", 2);
							try (StorageDownload download = storage.download(target[0], target[1])) {
								return new String(download.content().readAllBytes(), StandardCharsets.UTF_8);
							}
						}
						if (command.startsWith("delete ")) {
							String[] target = command.substring(7).split("/", 2);
							storage.delete(target[0], target[1]);
							return "deleted";
						}
						return "unknown command";
					}
					catch (StorageException ex) {
						return "refused " + ex.status() + " " + ex.code();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}

				private String roundTrip(StorageClient storage) throws Exception {
					byte[] hello = "hello from a function".getBytes(StandardCharsets.UTF_8);
					StorageObject stored = storage.upload("photos", "notes/hello.txt", new ByteArrayInputStream(hello),
							"text/plain");
					storage.upload("photos", "notes/second.txt", "second".getBytes(StandardCharsets.UTF_8), "text/plain");
					String listed = storage.listAll("photos", "notes/").map(StorageObject::key)
						.collect(Collectors.joining(","));
					String read;
					try (StorageDownload download = storage.download("photos", "notes/hello.txt")) {
						read = new String(download.content().readAllBytes(), StandardCharsets.UTF_8) + " ("
								+ download.contentType() + ", " + download.size() + " bytes)";
					}
					storage.delete("photos", "notes/second.txt");
					String gone;
					try {
						storage.download("photos", "notes/second.txt").close();
						gone = "still there";
					}
					catch (StorageException ex) {
						gone = ex.code();
					}
					return String.join("|", stored.key() + " " + stored.size(), listed, read,
							String.valueOf(storage.exists("photos", "notes/hello.txt")), gone);
				}

				static final class Zeros extends InputStream {

					private long left;

					Zeros(long size) {
						this.left = size;
					}

					@Override
					public int read() {
						return (this.left-- > 0) ? 0 : -1;
					}

					@Override
					public int read(byte[] buffer, int offset, int length) {
						if (this.left <= 0) {
							return -1;
						}
						int n = (int) Math.min(length, this.left);
						java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
						this.left -= n;
						return n;
					}

				}

			}
			""";

	@TempDir
	static Path work;

	private static final Api api = Api.gateway();

	private static String secret;

	private static String otherSecret;

	@BeforeAll
	static void deployFunctionAndBuckets() throws IOException {
		String admin = api.adminToken();
		String project = api.createProject(admin, "Function storage", List.of());
		secret = api.createKey(admin, project, "secret").string("key");
		String otherProject = api.createProject(admin, "Someone else's storage", List.of());
		otherSecret = api.createKey(admin, otherProject, "secret").string("key");
		api.post("/storage/v1/bucket").apikey(secret).json(Map.of("name", "photos")).send().expectStatus(201);
		api.post("/storage/v1/bucket")
			.apikey(secret)
			.json(Map.of("name", "small", "maxObjectSize", 1_000_000))
			.send()
			.expectStatus(201);
		api.post("/storage/v1/bucket").apikey(otherSecret).json(Map.of("name", "private")).send().expectStatus(201);
		api.call("PUT", "/storage/v1/object/private/plan.txt")
			.apikey(otherSecret)
			.body("text/plain", "the other project's plan")
			.send()
			.expectStatus(201);

		Path jar = FunctionJars.build(work, List.of(sdk()), Map.of("demo.Files", FILES));
		api.post("/functions/v1/functions/files/versions")
			.apikey(secret)
			.body("multipart/form-data; boundary=" + FunctionsSystemTests.BOUNDARY,
					FunctionsSystemTests.multipart(jar, "demo.Files"))
			.send()
			.expectStatus(201);
	}

	@Test
	void uploadsListsDownloadsAndDeletesInItsOwnProject() {
		Response result = invoke("round-trip");

		assertThat(result.body()).isEqualTo(String.join("|", "notes/hello.txt 21", "notes/hello.txt,notes/second.txt",
				"hello from a function (text/plain, 21 bytes)", "true", "storage.object_not_found"));
		Response stored = api.get("/storage/v1/object/photos/notes/hello.txt").apikey(secret).send();
		assertThat(stored.status()).isEqualTo(200);
		assertThat(stored.body()).isEqualTo("hello from a function");
		assertThat(api.get("/storage/v1/object/photos/notes/second.txt").apikey(secret).send().status()).isEqualTo(404);
	}

	@Test
	void streamsALargeUploadThroughTheService() throws NoSuchAlgorithmException {
		String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[3_000_000]));

		Response result = invoke("big photos");

		assertThat(result.body()).isEqualTo("3000000 " + sha256);
		Response listed = api.get("/storage/v1/bucket/photos/objects?prefix=big/").apikey(secret).send();
		assertThat(listed.items()).singleElement()
			.satisfies((object) -> assertThat(object).containsEntry("size", 3_000_000).containsEntry("sha256", sha256));
	}

	@Test
	void aRefusedUploadIsAStorageExceptionWithTheServicesCode() {
		Response result = invoke("big small");

		assertThat(result.body()).isEqualTo("refused 413 storage.object_too_large");
		assertThat(api.get("/storage/v1/bucket/small/objects").apikey(secret).send().items()).isEmpty();
	}

	@Test
	void findsNothingOfAnotherProjectsStorage() {
		Response read = invoke("read private/plan.txt");
		Response delete = invoke("delete private/plan.txt");

		assertThat(read.body()).isEqualTo("refused 404 storage.bucket_not_found");
		assertThat(delete.body()).isEqualTo("refused 404 storage.bucket_not_found");
		Response plan = api.get("/storage/v1/object/private/plan.txt").apikey(otherSecret).send();
		assertThat(plan.status()).isEqualTo(200);
		assertThat(plan.body()).isEqualTo("the other project's plan");
	}

	private static Response invoke(String command) {
		Response response = api.post("/functions/v1/files").apikey(secret).body("text/plain", command).send();
		response.expectStatus(200);
		return response;
	}

	private static Path sdk() {
		try {
			return Path.of(FunctionContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
