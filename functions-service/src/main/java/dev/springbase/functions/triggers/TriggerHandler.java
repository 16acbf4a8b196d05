package dev.springbase.functions.triggers;

import java.time.Instant;
import java.util.Optional;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.springbase.functions.invocations.InvocationService;
import dev.springbase.functions.invocations.InvocationService.EventInvocation;
import dev.springbase.functions.workers.EventInfo;
import dev.springbase.functions.workers.InvocationOutcome;

/**
 * Runs a trigger's function for one event and waits for it to end. A failed or timed-out
 * invocation throws, so the event backbone retries it with backoff and finally keeps it
 * as a dead letter, whose replay runs the function again. An event the function already
 * handled (a redelivery after a crash) does not run it twice.
 */
@Component
class TriggerHandler {

	private static final Logger log = LoggerFactory.getLogger(TriggerHandler.class);

	private final TriggerRepository triggers;

	private final InvocationService invocations;

	TriggerHandler(TriggerRepository triggers, InvocationService invocations) {
		this.triggers = triggers;
		this.invocations = invocations;
	}

	void handle(Trigger trigger, CloudEvent event) {
		if (!trigger.accepts(event.getType(), event.getSubject())) {
			return;
		}
		Optional<String> function = this.triggers.functionNameOf(trigger.id());
		if (function.isEmpty()) {
			log.debug("Trigger {} is gone; event {} is dropped", trigger.id(), event.getId());
			return;
		}
		EventInfo info = new EventInfo(event.getId(), event.getType(), event.getSource().toString(),
				String.valueOf(event.getSubject()),
				(event.getTime() != null) ? event.getTime().toInstant() : Instant.now(), trigger.id());
		if (this.invocations.alreadyHandled(info)) {
			return;
		}
		CloudEventData data = event.getData();
		EventInvocation run = this.invocations.invokeForEvent(trigger.projectId(), function.get(),
				trigger.kind().word(), info, (data != null) ? data.toBytes() : new byte[0]);
		InvocationOutcome outcome = run.outcome();
		if (outcome.status() != InvocationOutcome.Status.SUCCEEDED) {
			throw new InvocationFailed(
					"Invocation " + run.id() + " of " + function.get() + " " + outcome.status().word() + ": "
							+ outcome.errorCode() + " " + outcome.errorType() + ": " + outcome.errorMessage());
		}
	}

	/** Makes the event backbone retry the event, and keep it as a dead letter at last. */
	static final class InvocationFailed extends RuntimeException {

		InvocationFailed(String message) {
			super(message);
		}

	}

}
