package dev.springbase.platform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.data.BytesCloudEventData;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.ids.Ids;

/**
 * Emits events. {@link #publish} must run inside the caller's transaction
 * ({@code Propagation.MANDATORY}): the event is written to the service's outbox in that
 * transaction, so a commit yields the event and a rollback leaves none.
 */
public final class EventPublisher {

	private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

	private final Outbox outbox;

	private final OutboxRelay relay;

	private final CloudEventJson format;

	private final JsonMapper json;

	private final TransactionTemplate mandatory;

	private final URI source;

	private final long maxBytes;

	private final Object relayWakeKey = new Object();

	private final List<String> domains;

	private final EventTracing tracing;

	EventPublisher(Outbox outbox, OutboxRelay relay, CloudEventJson format, JsonMapper json,
			PlatformTransactionManager transactionManager, URI source, long maxBytes, List<String> domains,
			EventTracing tracing) {
		this.outbox = outbox;
		this.relay = relay;
		this.format = format;
		this.json = json;
		this.mandatory = new TransactionTemplate(transactionManager);
		this.mandatory.setPropagationBehavior(TransactionDefinition.PROPAGATION_MANDATORY);
		this.source = source;
		this.maxBytes = maxBytes;
		this.domains = List.copyOf(domains);
		this.tracing = tracing;
	}

	/**
	 * Writes the event to the outbox within the current transaction and returns it as
	 * published.
	 * @throws ApiException {@code events.too_large} (413) or {@code events.invalid_type}
	 * (400); nothing is written then
	 * @throws org.springframework.transaction.IllegalTransactionStateException when no
	 * transaction is active
	 */
	public CloudEvent publish(NewEvent event) {
		// Checked before joining the transaction: a refused event must not mark the
		// caller's transaction rollback-only.
		CloudEvent cloudEvent = toCloudEvent(event);
		byte[] payload = this.format.serialize(cloudEvent);
		if (payload.length > this.maxBytes) {
			throw EventsErrors.tooLarge(event.type(), payload.length, this.maxBytes);
		}
		this.mandatory.executeWithoutResult((status) -> {
			this.outbox.insert(UUID.fromString(cloudEvent.getId()), cloudEvent.getType(),
					new String(payload, StandardCharsets.UTF_8));
			wakeRelayAfterCommit();
		});
		return cloudEvent;
	}

	private CloudEvent toCloudEvent(NewEvent event) {
		TypePattern.checkType(event.type(), this.domains);
		if (event.subject() != null && event.subject().length() > 1024) {
			throw ApiException.badRequest("events.invalid_subject", "An event subject is at most 1024 characters.");
		}
		CloudEventBuilder builder = CloudEventBuilder.v1()
			.withId(Ids.newId().toString())
			.withSource(this.source)
			.withType(event.type())
			.withTime(OffsetDateTime.now(ZoneOffset.UTC));
		if (event.subject() != null) {
			builder.withSubject(event.subject());
		}
		if (event.project() != null) {
			builder.withExtension(CloudEventJson.PROJECT, event.project().toString());
		}
		if (event.data() != null) {
			builder.withData("application/json", BytesCloudEventData.wrap(this.json.writeValueAsBytes(event.data())));
		}
		String traceparent = event.traceparent();
		String tracestate = event.tracestate();
		if (traceparent == null) {
			Map<String, String> current = this.tracing.current();
			traceparent = current.get(CloudEventJson.TRACEPARENT);
			tracestate = current.get(CloudEventJson.TRACESTATE);
		}
		if (traceparent != null) {
			if (!TRACEPARENT.matcher(traceparent).matches()) {
				throw ApiException.badRequest("events.invalid_traceparent",
						"traceparent must follow W3C Trace Context: 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>.");
			}
			builder.withExtension(CloudEventJson.TRACEPARENT, traceparent);
			if (tracestate != null && !tracestate.isEmpty()) {
				builder.withExtension(CloudEventJson.TRACESTATE, tracestate);
			}
		}
		return builder.build();
	}

	private void wakeRelayAfterCommit() {
		if (TransactionSynchronizationManager.hasResource(this.relayWakeKey)) {
			return;
		}
		TransactionSynchronizationManager.bindResource(this.relayWakeKey, Boolean.TRUE);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				EventPublisher.this.relay.wake();
			}

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(EventPublisher.this.relayWakeKey);
			}

		});
	}

}
