package dev.springbase.functions.triggers;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.springbase.platform.events.Subscription;

/**
 * A trigger as stored. Triggers do not change once created; a different binding is a new
 * trigger.
 *
 * @param events the chosen events of the kind, such as {@code created}
 * @param prefix for storage: the key prefix objects must have
 * @param suffix for storage: the key suffix objects must have
 * @param table for database: the table of the project's database
 * @param nextFireAt for schedule: when it fires next
 */
record Trigger(UUID id, UUID projectId, UUID functionId, TriggerKind kind, List<String> events, @Nullable String bucket,
		@Nullable String prefix, @Nullable String suffix, @Nullable String table, @Nullable String cron,
		@Nullable String timeZone, @Nullable Instant nextFireAt, Instant createdAt) {

	static final String SUBSCRIPTION_PREFIX = "functions.trigger.";

	static String subscriptionName(UUID triggerId) {
		return SUBSCRIPTION_PREFIX + triggerId;
	}

	/**
	 * The durable subscription that brings this trigger's events: the project and, as far
	 * as a filter can say it, the bucket and key prefix, the table or the trigger. The
	 * handler runs outside a transaction: it waits for the function, which must not hold
	 * a database connection meanwhile.
	 */
	Subscription subscription() {
		StringBuilder filter = new StringBuilder("project = '" + this.projectId + "'");
		switch (this.kind) {
			case STORAGE -> filter.append(" and subject ^= ")
				.append(quoted(this.bucket + "/" + ((this.prefix != null) ? this.prefix : "")));
			case DATABASE -> filter.append(" and subject = ").append(quoted(String.valueOf(this.table)));
			case SCHEDULE -> filter.append(" and subject = ").append(quoted(this.id.toString()));
			case AUTH -> {
			}
		}
		return new Subscription(subscriptionName(this.id), this.kind.typePattern(this.events), filter.toString())
			.withoutTransaction();
	}

	/** What the subscription's filter cannot say: the chosen types and the suffix. */
	boolean accepts(String type, @Nullable String subject) {
		if (this.events.stream().map(this.kind::typeOf).noneMatch(type::equals)) {
			return false;
		}
		return this.suffix == null || (subject != null && subject.endsWith(this.suffix));
	}

	private static String quoted(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

}
