package dev.springbase.functions.host;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import dev.springbase.functions.sdk.events.DatabaseRowEvent;

/**
 * Binds request bodies to a function's input type and its result to a response body:
 * {@code String} and {@code byte[]} as they are, anything else as JSON.
 */
final class Payloads {

	static final String TEXT = "text/plain;charset=UTF-8";

	static final String JSON = "application/json";

	static final String BYTES = "application/octet-stream";

	private final JsonMapper json;

	Payloads(JsonMapper json) {
		this.json = json.rebuild().addModule(eventModule()).build();
	}

	/**
	 * The SDK has no dependencies, so no annotations: the rows of a database event, named
	 * {@code old} and {@code new} in its JSON, are bound here.
	 */
	private static SimpleModule eventModule() {
		return new SimpleModule("springbase-events").addDeserializer(DatabaseRowEvent.class, new ValueDeserializer<>() {
			@Override
			public DatabaseRowEvent deserialize(JsonParser parser, DeserializationContext context) {
				JsonNode node = context.readTree(parser);
				return new DatabaseRowEvent(node.path("schema").asString(null), node.path("table").asString(null),
						row(node.get("old"), context), row(node.get("new"), context));
			}
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> row(JsonNode node, DeserializationContext context) {
		return (node == null || node.isNull()) ? null : context.readTreeAsValue(node, Map.class);
	}

	Object read(byte[] body, Type type) {
		if (type == String.class) {
			return new String(body, StandardCharsets.UTF_8);
		}
		if (type == byte[].class) {
			return body;
		}
		if (body.length == 0) {
			return null;
		}
		try {
			return this.json.readValue(body, this.json.getTypeFactory().constructType(type));
		}
		catch (JacksonException ex) {
			throw new InvalidInput("The request body does not fit the function's input type " + type.getTypeName()
					+ ": " + ex.getOriginalMessage());
		}
	}

	/**
	 * Builds the JSON binding of the function's input and output types ahead of the first
	 * invocation, so that a worker is fully ready before it asks for work. A type Jackson
	 * cannot bind is left for the invocation to report.
	 */
	void prepare(LoadedFunction function) {
		try {
			if (isJson(function.input())) {
				this.json.readerFor(this.json.getTypeFactory().constructType(function.input()));
			}
			if (isJson(function.output())) {
				this.json.writerFor(this.json.getTypeFactory().constructType(function.output()));
			}
		}
		catch (RuntimeException ex) {
			// Reported by the invocation that needs the binding.
		}
	}

	private static boolean isJson(Type type) {
		return type != String.class && type != byte[].class && type != Void.class;
	}

	Output write(Object result) {
		if (result == null) {
			return new Output(new byte[0], null);
		}
		if (result instanceof String text) {
			return new Output(text.getBytes(StandardCharsets.UTF_8), TEXT);
		}
		if (result instanceof byte[] bytes) {
			return new Output(bytes, BYTES);
		}
		return new Output(this.json.writeValueAsBytes(result), JSON);
	}

	/** What the function returned, as bytes and their content type (none when empty). */
	record Output(byte[] body, String contentType) {

	}

	/**
	 * The caller sent a body that cannot be bound: the caller's mistake, not the
	 * function's.
	 */
	static final class InvalidInput extends RuntimeException {

		InvalidInput(String message) {
			super(message);
		}

	}

}
