package dev.springbase.platform.events;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.data.BytesCloudEventData;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.format.EventSerializationException;
import io.cloudevents.rw.CloudEventDataMapper;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CloudEvents JSON format (structured mode) written with Jackson 3. The SDK's own
 * {@code cloudevents-json-jackson} is built on Jackson 2 ({@code com.fasterxml}), which
 * the platform does not otherwise carry, so this small format takes its place and plugs
 * into the SDK as an {@link EventFormat}. JSON data is embedded as JSON, anything else as
 * {@code data_base64}.
 */
public final class CloudEventJson implements EventFormat {

	/** The extension carrying the project id. */
	public static final String PROJECT = "project";

	/** W3C trace context extensions (CloudEvents distributed tracing extension). */
	public static final String TRACEPARENT = "traceparent";

	public static final String TRACESTATE = "tracestate";

	public static final String CONTENT_TYPE = "application/cloudevents+json";

	private static final Set<String> CONTEXT_ATTRIBUTES = Set.of("specversion", "id", "source", "type",
			"datacontenttype", "dataschema", "subject", "time", "data", "data_base64");

	private final JsonMapper json;

	public CloudEventJson(JsonMapper json) {
		this.json = json;
	}

	@Override
	public byte[] serialize(CloudEvent event) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(512);
		try (JsonGenerator generator = this.json.createGenerator(out)) {
			generator.writeStartObject();
			generator.writeStringProperty("specversion", event.getSpecVersion().toString());
			generator.writeStringProperty("id", event.getId());
			generator.writeStringProperty("source", event.getSource().toString());
			generator.writeStringProperty("type", event.getType());
			writeIfPresent(generator, "datacontenttype", event.getDataContentType());
			writeIfPresent(generator, "dataschema", event.getDataSchema());
			writeIfPresent(generator, "subject", event.getSubject());
			if (event.getTime() != null) {
				generator.writeStringProperty("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.getTime()));
			}
			for (String name : event.getExtensionNames()) {
				Object value = event.getExtension(name);
				switch (value) {
					case Number number -> generator.writePOJOProperty(name, number);
					case Boolean bool -> generator.writeBooleanProperty(name, bool);
					case byte[] bytes -> generator.writeStringProperty(name, Base64.getEncoder().encodeToString(bytes));
					case null -> {
					}
					default -> generator.writeStringProperty(name, value.toString());
				}
			}
			CloudEventData data = event.getData();
			if (data != null) {
				byte[] bytes = data.toBytes();
				if (isJson(event.getDataContentType())) {
					generator.writeName("data");
					generator.writeRawValue(new String(bytes, StandardCharsets.UTF_8));
				}
				else {
					generator.writeStringProperty("data_base64", Base64.getEncoder().encodeToString(bytes));
				}
			}
			generator.writeEndObject();
		}
		catch (JacksonException ex) {
			throw new EventSerializationException(ex);
		}
		return out.toByteArray();
	}

	@Override
	public CloudEvent deserialize(byte[] bytes) {
		try {
			JsonNode node = this.json.readTree(bytes);
			if (!node.isObject() || !"1.0".equals(text(node, "specversion"))) {
				throw new EventDeserializationException(
						new IllegalArgumentException("not a CloudEvents 1.0 JSON object"));
			}
			CloudEventBuilder builder = CloudEventBuilder.fromSpecVersion(SpecVersion.V1)
				.withId(required(node, "id"))
				.withSource(URI.create(required(node, "source")))
				.withType(required(node, "type"));
			String contentType = text(node, "datacontenttype");
			if (contentType != null) {
				builder.withDataContentType(contentType);
			}
			String schema = text(node, "dataschema");
			if (schema != null) {
				builder.withDataSchema(URI.create(schema));
			}
			String subject = text(node, "subject");
			if (subject != null) {
				builder.withSubject(subject);
			}
			String time = text(node, "time");
			if (time != null) {
				builder.withTime(OffsetDateTime.parse(time));
			}
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				if (CONTEXT_ATTRIBUTES.contains(property.getKey())) {
					continue;
				}
				JsonNode value = property.getValue();
				if (value.isBoolean()) {
					builder.withExtension(property.getKey(), value.booleanValue());
				}
				else if (value.isNumber()) {
					builder.withExtension(property.getKey(), value.numberValue());
				}
				else if (value.isString()) {
					builder.withExtension(property.getKey(), value.stringValue());
				}
			}
			JsonNode data = node.get("data");
			JsonNode base64 = node.get("data_base64");
			if (data != null && !data.isNull()) {
				builder.withData(BytesCloudEventData.wrap(this.json.writeValueAsBytes(data)));
			}
			else if (base64 != null && base64.isString()) {
				builder.withData(BytesCloudEventData.wrap(Base64.getDecoder().decode(base64.stringValue())));
			}
			return builder.build();
		}
		catch (JacksonException | IllegalArgumentException | IllegalStateException ex) {
			throw new EventDeserializationException(ex);
		}
	}

	@Override
	public CloudEvent deserialize(byte[] bytes, CloudEventDataMapper<? extends CloudEventData> mapper) {
		CloudEvent event = deserialize(bytes);
		if (event.getData() == null) {
			return event;
		}
		return CloudEventBuilder.v1(event).withData(mapper.map(event.getData())).build();
	}

	@Override
	public String serializedContentType() {
		return CONTENT_TYPE;
	}

	/** The event's data read as JSON, or a JSON null when it has none. */
	public JsonNode data(CloudEvent event) {
		CloudEventData data = event.getData();
		return (data != null) ? this.json.readTree(data.toBytes()) : this.json.getNodeFactory().nullNode();
	}

	private static void writeIfPresent(JsonGenerator generator, String name, @Nullable Object value) {
		if (value != null) {
			generator.writeStringProperty(name, value.toString());
		}
	}

	private static boolean isJson(@Nullable String contentType) {
		return contentType == null || contentType.startsWith("application/json") || contentType.contains("+json");
	}

	private static @Nullable String text(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static String required(JsonNode node, String name) {
		String value = text(node, name);
		if (value == null) {
			throw new IllegalArgumentException("missing required attribute " + name);
		}
		return value;
	}

}
