package dev.springbase.platform.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An event a subscription gave up on after its last attempt.
 *
 * @param id the dead letter's id
 * @param subscription the subscription that failed to handle it
 * @param eventId the CloudEvents id
 * @param type the event type
 * @param source the event source
 * @param subject the event subject, if any
 * @param project the event's project, if any
 * @param attempts how often the handler was tried
 * @param lastError what the last attempt failed with
 * @param deadAt when the event was given up on
 * @param event the whole event as CloudEvents JSON; only when one dead letter is read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(UUID id, String subscription, UUID eventId, String type, String source,
		@Nullable String subject, @Nullable UUID project, int attempts, String lastError, Instant deadAt,
		@Nullable JsonNode event) {

}
