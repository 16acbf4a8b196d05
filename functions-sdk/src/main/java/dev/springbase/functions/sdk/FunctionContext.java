package dev.springbase.functions.sdk;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.springbase.functions.sdk.database.ProjectDatabase;
import dev.springbase.functions.sdk.events.EventInfo;
import dev.springbase.functions.sdk.spi.CurrentContext;
import dev.springbase.functions.sdk.storage.StorageClient;

/**
 * What a function knows about the invocation it is running. Read it with
 * {@link #current()} from inside {@code apply}, {@code accept} or {@code get}:
 *
 * <pre>{@code
 * public class Greet implements Function<String, String> {
 *     public String apply(String name) {
 *         FunctionContext context = FunctionContext.current();
 *         context.logger().info("greeting " + name);
 *         return context.env().getOrDefault("GREETING", "Hello") + ", " + name;
 *     }
 * }
 * }</pre>
 */
public interface FunctionContext {

	/** The context of the invocation running now; fails outside of one. */
	static FunctionContext current() {
		return CurrentContext.get();
	}

	/** The project the function belongs to; it can reach nothing of other projects. */
	UUID projectId();

	String functionName();

	/** The id under which the invocation, its status and its log are recorded. */
	UUID invocationId();

	/**
	 * Who triggered the invocation: the end user, or the API key, that called the HTTP
	 * trigger. Empty for event triggers.
	 */
	Optional<Caller> caller();

	/**
	 * The event that triggered the invocation (its data is the function's input). Empty
	 * for the HTTP trigger.
	 */
	default Optional<EventInfo> event() {
		return Optional.empty();
	}

	/** The function's environment variables, as set on the function. */
	Map<String, String> env();

	/** A secret set on the function, decrypted for this invocation only. */
	Optional<String> secret(String name);

	/**
	 * Lines written here (and to {@code System.out}/{@code err}) are kept with the
	 * invocation.
	 */
	FunctionLogger logger();

	/**
	 * The project's database: JDBC connections into the project's schema, which only the
	 * project's functions and admins can reach.
	 */
	ProjectDatabase database();

	/**
	 * The project's storage, reached with a token of this function: every bucket of the
	 * project, nothing of other projects.
	 */
	StorageClient storage();

}
