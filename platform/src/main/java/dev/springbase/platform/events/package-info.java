/**
 * The event backbone: services emit CloudEvents into their own transactional outbox, a
 * relay moves committed events to a transport (PostgreSQL by default, RabbitMQ when
 * configured), and subscriptions consume them at least once, idempotent in effect, with
 * retries, dead letters and replay.
 */
@NullMarked
package dev.springbase.platform.events;

import org.jspecify.annotations.NullMarked;
