package dev.springbase.functions.sdk.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The event an invocation runs for, without its data (the data is the function's input).
 *
 * @param id the event's id, the same on every redelivery
 * @param type such as {@code storage.object.created}; see {@link EventTypes}
 * @param source the service that emitted it, such as {@code /springbase/storage}
 * @param subject what it is about: {@code <bucket>/<key>}, a user id, a table name or a
 * trigger id
 * @param time when it was emitted
 * @param triggerId the trigger that bound the function to it
 */
public record EventInfo(String id, String type, String source, String subject, Instant time, UUID triggerId) {

}
