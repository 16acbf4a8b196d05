package dev.springbase.platform.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Idempotency for creating POSTs. A service that turns it on must have the
 * {@code idempotency_requests} table in its schema (see {@link IdempotencyStore}).
 *
 * @param enabled whether {@code Idempotency-Key} is honoured
 * @param retention how long a stored answer can be replayed
 */
@ConfigurationProperties("springbase.idempotency")
public record IdempotencyProperties(@DefaultValue("false") boolean enabled, @DefaultValue("24h") Duration retention) {

}
