package dev.springbase.platform.events;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.cloudevents.CloudEvent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

/**
 * Carries traces across the event backbone: the producer's current span travels in the
 * event as W3C {@code traceparent}/{@code tracestate}, and the consumer handles the event
 * in a span of that trace, so one trace spans both services.
 */
final class EventTracing {

	static final EventTracing NONE = new EventTracing(Tracer.NOOP, Propagator.NOOP);

	private final Tracer tracer;

	private final Propagator propagator;

	EventTracing(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** The current trace as W3C headers; empty outside of a span. */
	Map<String, String> current() {
		TraceContext context = this.tracer.currentTraceContext().context();
		Map<String, String> headers = new HashMap<>();
		if (context != null) {
			this.propagator.inject(context, headers, Map::put);
		}
		return headers;
	}

	/**
	 * Runs the handler in a consumer span that continues the event's trace, or starts a
	 * new trace when the event carries none.
	 */
	void handle(String subscription, CloudEvent event, EventHandler handler) throws Exception {
		Span span = this.propagator.extract(event, EventTracing::extension)
			.kind(Span.Kind.CONSUMER)
			.name("handle " + event.getType())
			.tag("springbase.event.id", event.getId())
			.tag("springbase.event.subscription", subscription)
			.start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			handler.handle(event);
		}
		catch (Exception ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	private static @Nullable String extension(CloudEvent event, String name) {
		return switch (name) {
			case "traceparent" -> Objects.toString(event.getExtension(CloudEventJson.TRACEPARENT), null);
			case "tracestate" -> Objects.toString(event.getExtension(CloudEventJson.TRACESTATE), null);
			default -> null;
		};
	}

}
