package dev.springbase.platform.events;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The event backbone of a service ({@code springbase.events.*}). Nothing of it runs until
 * a service sets {@code enabled=true}.
 *
 * @param enabled whether this service emits and consumes events
 * @param transport how events travel between services
 * @param schema the service's own schema, holding its outbox and processed ids; by
 * default the connection's current schema
 * @param source the CloudEvents {@code source} of events this service emits; by default
 * {@code /springbase/<spring.application.name without -service>}
 * @param maxEventSize the largest event, as CloudEvents JSON, that may be published
 * @param retention how long delivered events and processed ids are kept
 * @param retentionInterval how often expired records are pruned
 * @param domains the first segments of event types that exist; type patterns must start
 * with one
 * @param relay moving committed events from the outbox to the transport
 * @param consumer delivering events to subscriptions
 * @param postgres the PostgreSQL transport
 * @param rabbit the RabbitMQ transport
 */
@Validated
@ConfigurationProperties("springbase.events")
public record EventsProperties(@DefaultValue("false") boolean enabled, @DefaultValue("postgres") Transport transport,
		@Nullable @Pattern(regexp = "[a-z_][a-z0-9_]*") String schema, @Nullable String source,
		@DefaultValue("256KB") DataSize maxEventSize, @DefaultValue("7d") Duration retention,
		@DefaultValue("1h") Duration retentionInterval, @DefaultValue( {
				"auth", "storage", "db", "functions", "notifications", "schedule" }) @NotEmpty List<String> domains,
		@DefaultValue @Valid Relay relay, @DefaultValue @Valid Consumer consumer,
		@DefaultValue @Valid Postgres postgres, @DefaultValue @Valid Rabbit rabbit){

	public enum Transport {

		POSTGRES, RABBITMQ

	}

	/**
	 * @param batchSize the most outbox rows moved in one transaction
	 * @param pollInterval how often to look for rows committed by other instances; rows
	 * this instance commits are relayed at once
	 * @param linger how long the relay waits once woken, so that commits arriving
	 * together share one batch, one transaction and one NOTIFY
	 */
	public record Relay(@DefaultValue("500") @Min(1) int batchSize, @DefaultValue("1s") Duration pollInterval,
			@DefaultValue("5ms") Duration linger) {

	}

	/**
	 * @param batchSize the most events handled in one transaction
	 * @param concurrency workers per subscription in this instance
	 * @param pollInterval how often to look for work when no notification arrives
	 * @param maxAttempts attempts before an event is dead-lettered
	 * @param initialBackoff the wait after the first failure, doubled after each next one
	 * @param maxBackoff the longest wait between attempts
	 * @param jitter the random share of each wait, so retries of many events spread out
	 * @param lease how long a delivery handled outside a transaction is kept from other
	 * consumers; renewed while the handler runs, so it only matters when an instance dies
	 */
	public record Consumer(@DefaultValue("50") @Min(1) int batchSize, @DefaultValue("1") @Min(1) int concurrency,
			@DefaultValue("1s") Duration pollInterval, @DefaultValue("8") @Min(1) int maxAttempts,
			@DefaultValue("1s") Duration initialBackoff, @DefaultValue("5m") Duration maxBackoff,
			@DefaultValue("0.2") @DecimalMin("0") @DecimalMax("1") double jitter, @DefaultValue("30s") Duration lease) {

	}

	/**
	 * @param listenNotify whether the relay wakes consumers with one NOTIFY per batch;
	 * without it they find work by polling
	 * @param channel the LISTEN/NOTIFY channel
	 */
	public record Postgres(@DefaultValue("true") boolean listenNotify,
			@DefaultValue("springbase_events") @Pattern(regexp = "[a-z_][a-z0-9_]*") String channel) {

	}

	/**
	 * @param exchange the durable topic exchange events are published to, routed by type
	 * @param queuePrefix the prefix of each subscription's queues
	 * @param confirmTimeout how long the relay waits for the broker to confirm a batch
	 */
	public record Rabbit(@DefaultValue("springbase.events") String exchange,
			@DefaultValue("springbase.events") String queuePrefix, @DefaultValue("10s") Duration confirmTimeout) {

	}

}
