package dev.springbase.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.springbase.testsupport.FunctionJars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Functions bound to events of the other services, all through the gateway: an upload to
 * the storage service, and a user's sign-up, sign-in, update and deletion at the auth
 * service each run the bound function, with the event's data as its typed input.
 */
class TriggersSystemTests {

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
			'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0 };

	@TempDir
	static Path work;

	private final Api api = Api.gateway();

	private String secret;

	private String publishable;

	private Path jar;

	@BeforeEach
	void projectWithFunctions() {
		String admin = this.api.adminToken();
		String project = this.api.createProject(admin, "Triggers " + System.nanoTime(), List.of());
		this.secret = this.api.createKey(admin, project, "secret").string("key");
		this.publishable = this.api.createKey(admin, project, "publishable").string("key");
		this.jar = FunctionJars.build(work, List.of(sdkJar()), Map.of("demo.OnObject", """
				package demo;

				import dev.springbase.functions.sdk.FunctionContext;
				import dev.springbase.functions.sdk.events.StorageObjectEvent;

				public class OnObject implements java.util.function.Function<StorageObjectEvent, String> {
					public String apply(StorageObjectEvent object) {
						FunctionContext context = FunctionContext.current();
						context.logger().info(context.event().orElseThrow().type() + " " + object.bucket() + " "
								+ object.key() + " " + object.size() + " " + object.contentType());
						return "ok";
					}
				}""", "demo.OnUser", """
				package demo;

				import dev.springbase.functions.sdk.FunctionContext;
				import dev.springbase.functions.sdk.events.AuthUserEvent;

				public class OnUser implements java.util.function.Consumer<AuthUserEvent> {
					public void accept(AuthUserEvent event) {
						FunctionContext context = FunctionContext.current();
						context.logger().info(context.event().orElseThrow().type() + " " + event.user().email());
					}
				}"""));
	}

	@Test
	void anUploadRunsTheFunctionBoundToItsBucketAndPrefix() throws IOException {
		deploy("thumbs", "demo.OnObject");
		bind("thumbs", Map.of("type", "storage", "bucket", "photos", "prefix", "in/", "events", List.of("created")));
		this.api.post("/storage/v1/bucket").apikey(this.secret).json(Map.of("name", "photos")).send().expectStatus(201);

		this.api.call("PUT", "/storage/v1/object/photos/out/skip.png")
			.apikey(this.secret)
			.body("image/png", PNG)
			.send()
			.expectStatus(201);
		this.api.call("PUT", "/storage/v1/object/photos/in/cat.png")
			.apikey(this.secret)
			.body("image/png", PNG)
			.send()
			.expectStatus(201);

		Map<String, Object> invocation = awaitInvocation("thumbs");
		assertThat(invocation).containsEntry("trigger", "storage").containsEntry("status", "succeeded");
		assertThat(invocation.get("logs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("INFO storage.object.created photos in/cat.png " + PNG.length + " image/png");
		SpringbaseStack.sleep(Duration.ofSeconds(1));
		assertThat(invocations("thumbs")).hasSize(1);
	}

	@Test
	void eachChangeOfAUserRunsTheFunctionBoundToItsEvent() throws IOException {
		deploy("welcome", "demo.OnUser");
		bind("welcome", Map.of("type", "auth", "events", List.of("created", "signed_in", "updated", "deleted")));
		String email = "trigger-" + System.nanoTime() + "@example.com";
		String password = "correct-horse-battery-staple-42";

		String userId = this.api.post("/auth/v1/signup")
			.apikey(this.publishable)
			.json(Map.of("email", email, "password", password))
			.send()
			.expectStatus(200)
			.object("user")
			.get("id")
			.toString();
		this.api.post("/auth/v1/token?grant_type=password")
			.apikey(this.publishable)
			.json(Map.of("email", email, "password", password))
			.send()
			.expectStatus(200);
		this.api.call("PATCH", "/auth/v1/admin/users/" + userId)
			.apikey(this.secret)
			.json(Map.of("appMetadata", Map.of("plan", "pro")))
			.send()
			.expectStatus(200);
		this.api.call("DELETE", "/auth/v1/admin/users/" + userId).apikey(this.secret).send().expectStatus(204);

		List<String> expected = List.of("INFO auth.user.created " + email, "INFO auth.user.signed_in " + email,
				"INFO auth.user.updated " + email, "INFO auth.user.deleted " + email);
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			List<Map<String, Object>> invocations = invocations("welcome");
			assertThat(invocations).allSatisfy((invocation) -> assertThat(invocation).containsEntry("trigger", "auth")
				.containsEntry("status", "succeeded"));
			List<String> logs = invocations.stream()
				.flatMap((invocation) -> ((List<?>) invocation.get("logs")).stream())
				.map(String::valueOf)
				.toList();
			assertThat(logs).containsAll(expected);
		});
	}

	private void deploy(String name, String handler) throws IOException {
		this.api.post("/functions/v1/functions/" + name + "/versions")
			.apikey(this.secret)
			.body("multipart/form-data; boundary=" + FunctionsSystemTests.BOUNDARY,
					FunctionsSystemTests.multipart(this.jar, handler))
			.send()
			.expectStatus(201);
	}

	private void bind(String function, Map<String, Object> trigger) {
		this.api.post("/functions/v1/functions/" + function + "/triggers")
			.apikey(this.secret)
			.json(trigger)
			.send()
			.expectStatus(201);
	}

	private Map<String, Object> awaitInvocation(String function) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (Instant.now().isBefore(deadline)) {
			List<Map<String, Object>> items = invocations(function);
			if (!items.isEmpty() && !List.of("queued", "running").contains(items.getFirst().get("status"))) {
				return items.getFirst();
			}
			SpringbaseStack.sleep(Duration.ofMillis(200));
		}
		throw new AssertionError("No invocation of " + function + " ended within 60s");
	}

	private List<Map<String, Object>> invocations(String function) {
		return this.api.get("/functions/v1/invocations?function=" + function)
			.apikey(this.secret)
			.send()
			.expectStatus(200)
			.items();
	}

	/** The SDK jar the reactor built, which function sources compile against. */
	private static Path sdkJar() {
		Path jar = Path.of(System.getProperty("springbase.root", ".."), "functions-sdk", "target",
				"functions-sdk-" + System.getProperty("springbase.version") + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("Missing " + jar + "; run the tests with ./mvnw verify from the root.");
		}
		return jar;
	}

}
