package dev.springbase.platform.jdbc;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Database settings every service starts with; explicit settings win.
 * <p>
 * Bounds how long a statement on a service's pooled connections waits for a lock:
 * {@code springbase.database.lock-timeout} (10 s by default), given to PostgreSQL as each
 * connection's {@code lock_timeout}. A table or row held by a migration, a stuck
 * transaction or an operator's {@code LOCK TABLE} then fails the request with 503
 * {@code service.unavailable} and {@code Retry-After}, and an event's handling is retried
 * later, instead of holding a thread and a connection for as long as the lock lasts.
 * <p>
 * Quiets Spring's transaction templates and interceptors, whose only error is
 * "Application exception overridden by rollback exception", a stack trace for every
 * transaction whose connection was lost: the platform's {@code DatabaseUnavailable}
 * reports an outage in one line, and {@code ProblemDetailsAdvice} logs a bug's own
 * exception when its rollback failed too.
 */
class DatabaseDefaults implements EnvironmentPostProcessor {

	static final String LOCK_TIMEOUT = "springbase.database.lock-timeout";

	static final String CONNECTION_OPTIONS = "spring.datasource.hikari.data-source-properties.options";

	static final List<String> ROLLBACK_LOGGERS = List.of("org.springframework.transaction.support.TransactionTemplate",
			"org.springframework.transaction.interceptor.TransactionInterceptor");

	private static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Duration lockTimeout = Binder.get(environment).bind(LOCK_TIMEOUT, Duration.class).orElse(DEFAULT_LOCK_TIMEOUT);
		Map<String, Object> defaults = new HashMap<>();
		// Milliseconds, PostgreSQL's unit for lock_timeout.
		defaults.put(CONNECTION_OPTIONS, "-c lock_timeout=" + lockTimeout.toMillis());
		ROLLBACK_LOGGERS.forEach((logger) -> defaults.put("logging.level." + logger, "off"));
		environment.getPropertySources().addLast(new MapPropertySource("springbaseDatabaseDefaults", defaults));
	}

}
