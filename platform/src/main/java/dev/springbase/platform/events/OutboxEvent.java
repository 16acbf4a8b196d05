package dev.springbase.platform.events;

import java.util.UUID;

/**
 * A committed outbox row on its way to the transport.
 *
 * @param position the row's place in the outbox
 * @param id the event id
 * @param type the event type, the RabbitMQ routing key
 * @param payload the event as CloudEvents JSON
 */
record OutboxEvent(long position, UUID id, String type, String payload) {

}
