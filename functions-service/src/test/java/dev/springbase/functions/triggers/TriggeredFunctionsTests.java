package dev.springbase.functions.triggers;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.cloudevents.CloudEvent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.functions.FunctionsServiceTests;
import dev.springbase.platform.events.EventPublisher;
import dev.springbase.platform.events.NewEvent;
import dev.springbase.testsupport.FunctionJars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Functions bound to events, with a deployment whose handlers log what each kind of event
 * brings, and events emitted here as the other services would.
 */
abstract class TriggeredFunctionsTests extends FunctionsServiceTests {

	private static @Nullable Path eventsJar;

	@TempDir
	static Path jars;

	@Autowired
	EventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	/**
	 * Handlers for each kind of event; each logs the event and its typed data
	 * ({@code OnEmailChange} the email change a user has pending). The storage one fails
	 * for keys containing "fail" unless the function's env says {@code FAIL=no}.
	 */
	static synchronized Path eventsJar() {
		// Each class has its own temporary directory, removed after it.
		if (eventsJar == null || !java.nio.file.Files.isRegularFile(eventsJar)) {
			eventsJar = FunctionJars.build(jars, List.of(sdk()), Map.of("demo.OnObject", """
					package demo;

					import dev.springbase.functions.sdk.FunctionContext;
					import dev.springbase.functions.sdk.events.EventInfo;
					import dev.springbase.functions.sdk.events.StorageObjectEvent;

					public class OnObject implements java.util.function.Function<StorageObjectEvent, String> {
						public String apply(StorageObjectEvent object) {
							FunctionContext context = FunctionContext.current();
							EventInfo event = context.event().orElseThrow();
							if (object.key().contains("fail") && !"no".equals(context.env().get("FAIL"))) {
								throw new IllegalStateException("cannot handle " + object.key());
							}
							context.logger().info(event.type() + " " + event.subject() + " " + object.bucket() + " "
									+ object.key() + " " + object.size() + " caller=" + context.caller().isPresent());
							return "done";
						}
					}""", "demo.OnUser", """
					package demo;

					import dev.springbase.functions.sdk.FunctionContext;
					import dev.springbase.functions.sdk.events.AuthUserEvent;

					public class OnUser implements java.util.function.Consumer<AuthUserEvent> {
						public void accept(AuthUserEvent event) {
							FunctionContext context = FunctionContext.current();
							context.logger().info(context.event().orElseThrow().type() + " " + event.user().id() + " "
									+ event.user().email() + " " + event.sessionId());
						}
					}""", "demo.OnEmailChange", """
					package demo;

					import dev.springbase.functions.sdk.FunctionContext;
					import dev.springbase.functions.sdk.events.AuthUser;
					import dev.springbase.functions.sdk.events.AuthUserEvent;

					public class OnEmailChange implements java.util.function.Consumer<AuthUserEvent> {
						public void accept(AuthUserEvent event) {
							AuthUser user = event.user();
							FunctionContext.current().logger().info(user.email() + " -> " + user.newEmail() + " sent "
									+ user.emailChangeSentAt() + " awaiting " + user.emailChangeAwaiting());
						}
					}""", "demo.OnRow", """
					package demo;

					import dev.springbase.functions.sdk.FunctionContext;
					import dev.springbase.functions.sdk.events.DatabaseRowEvent;

					public class OnRow implements java.util.function.Consumer<DatabaseRowEvent> {
						public void accept(DatabaseRowEvent row) {
							FunctionContext context = FunctionContext.current();
							context.logger().info(context.event().orElseThrow().type() + " " + row.operation() + " "
									+ row.table() + " " + row.oldRow() + " " + row.newRow());
						}
					}""", "demo.OnTick", """
					package demo;

					import dev.springbase.functions.sdk.FunctionContext;
					import dev.springbase.functions.sdk.events.ScheduleTick;

					public class OnTick implements java.util.function.Consumer<ScheduleTick> {
						public void accept(ScheduleTick tick) {
							FunctionContext context = FunctionContext.current();
							context.logger().info(context.event().orElseThrow().type() + " " + tick.scheduledAt() + " "
									+ tick.cron() + " " + tick.timeZone());
						}
					}"""));
		}
		return eventsJar;
	}

	void deployHandler(String name, String handler) {
		Reply deployed = this.api.deploy(name, this.secret, eventsJar(), handler);
		assertThat(deployed.status()).as(deployed.text()).isEqualTo(201);
	}

	Reply createTrigger(String function, Map<String, Object> body) {
		return this.api.json("POST", "/functions/v1/functions/" + function + "/triggers", this.secret, body);
	}

	String createdTrigger(String function, Map<String, Object> body) {
		Reply created = createTrigger(function, body);
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		return created.json().get("id").toString();
	}

	CloudEvent emit(String type, UUID project, String subject, Map<String, Object> data) {
		return this.transactions.execute((status) -> this.publisher.publish(NewEvent.of(type, project, subject, data)));
	}

	/** The function's invocations once at least {@code count} of them have ended. */
	List<Map<String, Object>> awaitInvocations(String function, int count) {
		return awaitInvocations(function,
				(items) -> items.stream().filter(TriggeredFunctionsTests::ended).count() >= count);
	}

	List<Map<String, Object>> awaitInvocations(String function, Predicate<List<Map<String, Object>>> done) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (true) {
			List<Map<String, Object>> items = invocations(function);
			if (done.test(items)) {
				return items;
			}
			if (Instant.now().isAfter(deadline)) {
				fail("Invocations of " + function + " did not come in time; so far: " + items);
			}
			sleep(Duration.ofMillis(100));
		}
	}

	@SuppressWarnings("unchecked")
	List<Map<String, Object>> invocations(String function) {
		Reply reply = this.api.get("/functions/v1/invocations?limit=100&function=" + function, this.secret);
		assertThat(reply.status()).as(reply.text()).isEqualTo(200);
		return (List<Map<String, Object>>) reply.json().get("items");
	}

	static boolean ended(Map<String, Object> invocation) {
		return !List.of("queued", "running").contains(invocation.get("status"));
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	boolean subscriptionExists(String triggerId) {
		return this.jdbc.sql("select count(*) from eventbus.subscriptions where name = ?")
			.param("functions.trigger." + triggerId)
			.query(Long.class)
			.single() > 0;
	}

}
