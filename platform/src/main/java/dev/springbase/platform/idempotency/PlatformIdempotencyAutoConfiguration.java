package dev.springbase.platform.idempotency;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Turns on {@link IdempotencyFilter} for services that set
 * {@code springbase.idempotency.enabled=true} and prunes answers past their retention.
 */
@AutoConfiguration(after = JdbcClientAutoConfiguration.class)
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBooleanProperty("springbase.idempotency.enabled")
@EnableConfigurationProperties(IdempotencyProperties.class)
public class PlatformIdempotencyAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(PlatformIdempotencyAutoConfiguration.class);

	@Bean
	IdempotencyStore idempotencyStore(JdbcClient jdbc) {
		return new IdempotencyStore(jdbc);
	}

	@Bean
	FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store) {
		FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
				new IdempotencyFilter(store));
		// After Spring Security (order -100): keys are scoped to the verified caller.
		registration.setOrder(0);
		return registration;
	}

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService idempotencyPruner(IdempotencyStore store, IdempotencyProperties properties) {
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("idempotency-pruner").factory());
		executor.scheduleWithFixedDelay(() -> {
			try {
				int pruned = store.pruneOlderThan(properties.retention());
				log.debug("Pruned {} stored idempotent answers", pruned);
			}
			catch (RuntimeException ex) {
				log.warn("Could not prune stored idempotent answers: {}", ex.getMessage());
			}
		}, 1, 60, TimeUnit.MINUTES);
		return executor;
	}

}
