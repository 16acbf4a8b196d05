package dev.springbase.platform.jdbc;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Bounds how long a statement on a service's pooled connections waits for a lock:
 * {@code springbase.database.lock-timeout} (10 s by default), given to PostgreSQL as each
 * connection's {@code lock_timeout}. A table or row held by a migration, a stuck
 * transaction or an operator's {@code LOCK TABLE} then fails the request with 503
 * {@code service.unavailable} and {@code Retry-After}, and an event's handling is retried
 * later, instead of holding a thread and a connection for as long as the lock lasts. An
 * explicit {@code spring.datasource.hikari.data-source-properties.options} wins.
 */
class DatabaseDefaults implements EnvironmentPostProcessor {

	static final String LOCK_TIMEOUT = "springbase.database.lock-timeout";

	static final String CONNECTION_OPTIONS = "spring.datasource.hikari.data-source-properties.options";

	private static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Duration lockTimeout = Binder.get(environment).bind(LOCK_TIMEOUT, Duration.class).orElse(DEFAULT_LOCK_TIMEOUT);
		// Milliseconds, PostgreSQL's unit for lock_timeout.
		environment.getPropertySources()
			.addLast(new MapPropertySource("springbaseDatabaseDefaults",
					Map.of(CONNECTION_OPTIONS, "-c lock_timeout=" + lockTimeout.toMillis())));
	}

}
