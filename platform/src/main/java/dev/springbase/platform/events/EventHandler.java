package dev.springbase.platform.events;

import io.cloudevents.CloudEvent;

/**
 * Handles the events of one subscription. It runs inside a transaction of the service's
 * own database, the same one that records the event id as processed: database work done
 * through the service's {@code DataSource} is applied once even when the event is
 * delivered twice. Throwing rolls that work back and schedules a retry.
 */
@FunctionalInterface
public interface EventHandler {

	void handle(CloudEvent event) throws Exception;

}
