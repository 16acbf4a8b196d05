package dev.springbase.functions.invocations;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.functions.FunctionsServiceTests;
import dev.springbase.testsupport.FunctionJars;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invocations through the HTTP trigger, run by real worker processes. Every way user code
 * can go wrong fails that one invocation, and the next one is served.
 */
class InvocationTests extends FunctionsServiceTests {

	@TempDir
	Path work;

	private String name;

	@BeforeEach
	void deployFunction() {
		this.name = uniqueName("behave");
		deploy(this.name, behaviourJar(this.work, "ok"));
	}

	@Test
	void handsTheCallersIdentityToTheFunctionAndRecordsColdThenWarm() {
		String userId = UUID.randomUUID().toString();

		Reply first = invoke("who", auth.userToken(this.project, userId));
		Reply second = invoke("who", auth.userToken(this.project, userId));

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.text()).isEqualTo("user:" + userId + ":authenticated@" + this.project);
		assertThat(first.header("Springbase-Invocation-Id")).isNotNull();
		List<Map<String, Object>> recorded = items(
				this.api.get("/functions/v1/invocations?function=" + this.name, this.secret));
		assertThat(recorded).hasSize(2);
		assertThat(recorded.get(0)).containsEntry("id", second.header("Springbase-Invocation-Id"))
			.containsEntry("status", "succeeded")
			.containsEntry("trigger", "http")
			.containsEntry("cold", false);
		assertThat(recorded.get(1)).containsEntry("id", first.header("Springbase-Invocation-Id"))
			.containsEntry("cold", true);
		assertThat(recorded.get(1).get("durationMs")).isNotNull();
		assertThat(recorded.get(1).get("logs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("INFO got who", "OUT printed who");
	}

	@Test
	void anExceptionFailsOnlyThatInvocation() {
		Reply failed = invoke("boom", this.secret);

		assertThat(failed.status()).isEqualTo(502);
		assertThat(failed.code()).isEqualTo("functions.function_failed");
		assertThat(failed.json()).containsEntry("errorType", "java.lang.IllegalStateException")
			.containsEntry("detail", "boom");
		Reply record = this.api.get("/functions/v1/invocations/" + failed.json().get("invocationId"), this.secret);
		assertThat(record.json()).containsEntry("status", "failed")
			.containsEntry("errorCode", "functions.function_failed");
		assertThat(record.text()).contains("IllegalStateException: boom");
		assertThat(invoke("after", this.secret).text()).isEqualTo("ok:after");
	}

	@Test
	void systemExitFailsOnlyThatInvocation() {
		Reply failed = invoke("exit", this.secret);

		assertThat(failed.status()).isEqualTo(502);
		assertThat(failed.code()).isEqualTo("functions.worker_exited");
		assertThat(failed.json().get("detail").toString()).contains("status 42");
		assertThat(invoke("after", this.secret).text()).isEqualTo("ok:after");
	}

	@Test
	void anEndlessLoopIsStoppedAtTheTimeout() {
		this.api.json("PATCH", "/functions/v1/functions/" + this.name, this.secret, Map.of("timeoutSeconds", 2));

		Reply failed = invoke("loop", this.secret);

		assertThat(failed.status()).isEqualTo(504);
		assertThat(failed.code()).isEqualTo("functions.timeout");
		Reply record = this.api.get("/functions/v1/invocations/" + failed.json().get("invocationId"), this.secret);
		assertThat(record.json()).containsEntry("status", "timed_out");
		assertThat(invoke("after", this.secret).text()).isEqualTo("ok:after");
	}

	@Test
	void runningOutOfMemoryFailsOnlyThatInvocation() {
		this.api.json("PATCH", "/functions/v1/functions/" + this.name, this.secret, Map.of("memoryMb", 64));

		Reply failed = invoke("oom", this.secret);

		assertThat(failed.status()).isEqualTo(502);
		assertThat(failed.code()).isEqualTo("functions.out_of_memory");
		assertThat(invoke("after", this.secret).text()).isEqualTo("ok:after");
	}

	@Test
	void anAsynchronousInvocationAnswersAtOnceAndIsPolled() throws InterruptedException {
		String user = auth.userToken(this.project, UUID.randomUUID().toString());
		Reply accepted = this.api.post("/functions/v1/" + this.name + "?async=true", user, "later", "Content-Type",
				"text/plain");

		assertThat(accepted.status()).isEqualTo(202);
		String id = accepted.json().get("invocationId").toString();
		Map<String, Object> record = awaitEnd(id, user);
		assertThat(record).containsEntry("status", "succeeded");
		Reply output = this.api.get("/functions/v1/invocations/" + id + "/output", user);
		assertThat(output.text()).isEqualTo("ok:later");
		assertThat(output.header("Content-Type")).startsWith("text/plain");
		String otherUser = auth.userToken(this.project, UUID.randomUUID().toString());
		assertThat(this.api.get("/functions/v1/invocations/" + id, otherUser).code())
			.isEqualTo("functions.invocation_not_found");
	}

	@Test
	void refusesABodyThatDoesNotFitTheFunctionsInput() {
		String typed = uniqueName("typed");
		Path jar = FunctionJars.build(this.work, List.of(), Map.of("demo.Order",
				"package demo; public record Order(String item, int quantity) {}", "demo.Total", """
						package demo;
						public class Total implements java.util.function.Function<Order, Integer> {
							public Integer apply(Order order) { return order.quantity() * 2; }
						}"""));
		assertThat(this.api.deploy(typed, this.secret, jar, "demo.Total").status()).isEqualTo(201);

		Reply good = this.api.json("POST", "/functions/v1/" + typed, this.secret, Map.of("item", "tea", "quantity", 3));
		Reply bad = this.api.json("POST", "/functions/v1/" + typed, this.secret, Map.of("quantity", "many"));

		assertThat(good.text()).isEqualTo("6");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.code()).isEqualTo("functions.invalid_input");
	}

	@Test
	void listsInvocationsInCursorPagesByFunctionAndStatus() {
		invoke("one", this.secret);
		invoke("boom", this.secret);
		invoke("two", this.secret);

		Reply page = this.api.get("/functions/v1/invocations?function=" + this.name + "&limit=2", this.secret);
		Reply rest = this.api.get(
				"/functions/v1/invocations?function=" + this.name + "&limit=2&cursor=" + page.json().get("nextCursor"),
				this.secret);
		Reply failures = this.api.get("/functions/v1/invocations?status=failed", this.secret);

		assertThat(items(page)).hasSize(2);
		assertThat(items(rest)).hasSize(1);
		assertThat(rest.json().get("nextCursor")).isNull();
		assertThat(items(failures)).singleElement()
			.satisfies((failure) -> assertThat(failure).containsEntry("errorCode", "functions.function_failed"));
		assertThat(this.api.get("/functions/v1/invocations?status=broken", this.secret).code())
			.isEqualTo("functions.invalid_status");
	}

	@Test
	void keepsInvocationsOfOtherProjectsOutOfReach() {
		Reply done = invoke("mine", this.secret);
		String other = auth.secretKeyToken(UUID.randomUUID());
		String id = done.header("Springbase-Invocation-Id");

		assertThat(this.api.get("/functions/v1/invocations/" + id, other).code())
			.isEqualTo("functions.invocation_not_found");
		assertThat(items(this.api.get("/functions/v1/invocations", other))).isEmpty();
		assertThat(this.api.get("/functions/v1/invocations", auth.publishableKeyToken(this.project)).status())
			.isEqualTo(403);
	}

	private Reply invoke(String input, String token) {
		return this.api.post("/functions/v1/" + this.name, token, input, "Content-Type", "text/plain");
	}

	private Map<String, Object> awaitEnd(String id, String token) throws InterruptedException {
		Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
		while (true) {
			Map<String, Object> record = this.api.get("/functions/v1/invocations/" + id, token).json();
			Object status = record.get("status");
			if (!"queued".equals(status) && !"running".equals(status) || Instant.now().isAfter(giveUp)) {
				return record;
			}
			Thread.sleep(100);
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(Reply reply) {
		return (List<Map<String, Object>>) reply.json().get("items");
	}

}
