package dev.springbase.platform.events;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An event a service emits, in the past tense ({@code storage.object.created}). The
 * publisher adds id, source and time.
 *
 * @param type dot-separated lowercase segments, e.g. {@code storage.object.created}
 * @param project the project the event belongs to, if any
 * @param subject what the event is about, e.g. {@code photos/cat.jpg}
 * @param data any value Jackson can write as JSON
 * @param traceparent W3C trace context to carry, when no tracer supplies one
 * @param tracestate W3C trace state to carry
 */
public record NewEvent(String type, @Nullable UUID project, @Nullable String subject, @Nullable Object data,
		@Nullable String traceparent, @Nullable String tracestate) {

	public static NewEvent of(String type, @Nullable UUID project, @Nullable String subject, @Nullable Object data) {
		return new NewEvent(type, project, subject, data, null, null);
	}

	public NewEvent withTrace(String traceparent, @Nullable String tracestate) {
		return new NewEvent(this.type, this.project, this.subject, this.data, traceparent, tracestate);
	}

}
