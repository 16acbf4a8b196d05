package dev.springbase.functions.sdk.events;

import java.time.Instant;

/**
 * The data of {@code schedule.tick}: one firing of a schedule trigger.
 *
 * @param scheduledAt the time the cron expression named (the tick runs at or after it)
 * @param cron the schedule's cron expression
 * @param timeZone the IANA time zone the expression is read in
 */
public record ScheduleTick(Instant scheduledAt, String cron, String timeZone) {

}
