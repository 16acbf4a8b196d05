package dev.springbase.functions.workers;

import java.time.Instant;
import java.util.UUID;

/**
 * The event an invocation runs for, as the function sees it in its context (the SDK's
 * {@code EventInfo}); the event's data is the invocation's body.
 */
public record EventInfo(String id, String type, String source, String subject, Instant time, UUID triggerId) {

}
