package dev.springbase.functions.triggers;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A trigger as the API shows it, with only the fields of its type.
 *
 * @param subscription the event subscription that carries its events; its dead letters
 * are listed under {@code /functions/v1/events/dead-letters?subscription=...}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TriggerView(UUID id, String function, String type, @Nullable List<String> events, @Nullable String bucket,
		@Nullable String prefix, @Nullable String suffix, @Nullable String table, @Nullable String cron,
		@Nullable String timeZone, @Nullable Instant nextFireAt, String subscription, Instant createdAt) {

	static TriggerView of(Trigger trigger, String function) {
		boolean schedule = trigger.kind() == TriggerKind.SCHEDULE;
		return new TriggerView(trigger.id(), function, trigger.kind().word(), schedule ? null : trigger.events(),
				trigger.bucket(), trigger.prefix(), trigger.suffix(), trigger.table(), trigger.cron(),
				trigger.timeZone(), trigger.nextFireAt(), Trigger.subscriptionName(trigger.id()), trigger.createdAt());
	}

}
