package dev.springbase.platform.events;

import java.net.URI;
import java.sql.DriverManager;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.flywaydb.core.Flyway;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event backbone for services that set {@code springbase.events.enabled=true}:
 * migrates the platform's tables, and provides {@link EventPublisher},
 * {@link EventSubscriber}, {@link DeadLetters} and, in web services with an API prefix,
 * the dead-letter HTTP API.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnClass({ JdbcClient.class, Flyway.class })
@ConditionalOnBooleanProperty("springbase.events.enabled")
@EnableConfigurationProperties(EventsProperties.class)
// Each nested configuration repeats the switch: a component scan of this package (as in
// the platform's own tests) registers nested classes without the outer condition.
public class PlatformEventsAutoConfiguration {

	@Bean
	EventsSchema eventsSchema(DataSource dataSource, EventsProperties properties, Environment environment,
			BeanFactory beans) {
		// The service's own migrations first: Flyway refuses a schema that another
		// history already populated unless told to baseline.
		if (beans.containsBean("flywayInitializer")) {
			beans.getBean("flywayInitializer");
		}
		String schema = properties.schema();
		if (schema == null) {
			schema = environment.getProperty("spring.flyway.default-schema",
					environment.getProperty("spring.datasource.hikari.schema"));
		}
		if (schema == null) {
			schema = JdbcClient.create(dataSource).sql("select current_schema()").query(String.class).single();
		}
		return EventsSchema.migrate(dataSource, schema, properties.transport() == EventsProperties.Transport.POSTGRES);
	}

	@Bean
	CloudEventJson cloudEventJson(ObjectProvider<JsonMapper> json) {
		return new CloudEventJson(json.getIfAvailable(JsonMapper::shared));
	}

	@Bean
	Outbox eventOutbox(DataSource dataSource, EventsSchema schema) {
		return new Outbox(JdbcClient.create(dataSource), schema);
	}

	@Bean
	EventMetrics eventMetrics(ObjectProvider<MeterRegistry> registry, Outbox outbox) {
		return new EventMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), outbox);
	}

	@Bean
	EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		Tracer available = tracer.getIfAvailable();
		Propagator propagation = propagator.getIfAvailable();
		return (available != null && propagation != null) ? new EventTracing(available, propagation)
				: EventTracing.NONE;
	}

	@Bean
	IdempotentHandling idempotentHandling(DataSource dataSource, EventsSchema schema,
			PlatformTransactionManager transactionManager, EventMetrics metrics, EventTracing tracing) {
		return new IdempotentHandling(JdbcClient.create(dataSource), schema, transactionManager, metrics, tracing);
	}

	@Bean
	OutboxRelay outboxRelay(Outbox outbox, EventTransport transport, PlatformTransactionManager transactionManager,
			EventsProperties properties) {
		return new OutboxRelay(outbox, transport, new TransactionTemplate(transactionManager), properties.relay());
	}

	@Bean
	EventPublisher eventPublisher(Outbox outbox, OutboxRelay relay, CloudEventJson format,
			ObjectProvider<JsonMapper> json, PlatformTransactionManager transactionManager, EventsProperties properties,
			Environment environment, EventTracing tracing) {
		String source = properties.source();
		if (source == null) {
			source = "/springbase/" + serviceName(environment);
		}
		return new EventPublisher(outbox, relay, format, json.getIfAvailable(JsonMapper::shared), transactionManager,
				URI.create(source), properties.maxEventSize().toBytes(), properties.domains(), tracing);
	}

	@Bean
	EventSubscriber eventSubscriber(EventTransport transport, EventsProperties properties) {
		return new EventSubscriber(transport, properties.domains());
	}

	@Bean
	@ConditionalOnBean(ProjectRemoval.class)
	ProjectRemovalSubscription projectRemovalSubscription(EventSubscriber subscriber, ProjectRemoval removal,
			Environment environment) {
		return new ProjectRemovalSubscription(subscriber, removal, serviceName(environment));
	}

	/** The service's short name: {@code storage} for {@code storage-service}. */
	private static String serviceName(Environment environment) {
		return environment.getProperty("spring.application.name", "application").replaceFirst("-service$", "");
	}

	@Bean
	DeadLetters deadLetters(EventTransport transport) {
		return transport.deadLetters();
	}

	@Bean
	EventRetention eventRetention(DataSource dataSource, PlatformTransactionManager transactionManager, Outbox outbox,
			EventsSchema schema, EventsProperties properties) {
		return new EventRetention(JdbcClient.create(dataSource), new TransactionTemplate(transactionManager), outbox,
				schema, properties.retention(), properties.transport() == EventsProperties.Transport.POSTGRES);
	}

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService eventRetentionSchedule(EventRetention retention, EventsProperties properties) {
		return retention.schedule(properties.retentionInterval());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("springbase.events.enabled")
	@ConditionalOnProperty(name = "springbase.events.transport", havingValue = "postgres", matchIfMissing = true)
	static class PostgresTransportConfiguration {

		@Bean
		PostgresTransport postgresEventTransport(DataSource dataSource, PlatformTransactionManager transactionManager,
				CloudEventJson format, IdempotentHandling handling, EventMetrics metrics, EventsProperties properties,
				ObjectProvider<JdbcConnectionDetails> connectionDetails, ObjectProvider<JsonMapper> json) {
			JdbcConnectionDetails details = connectionDetails.getIfAvailable();
			ListenConnections listenConnections = (details != null) ? () -> DriverManager
				.getConnection(details.getJdbcUrl(), details.getUsername(), details.getPassword())
					: dataSource::getConnection;
			return new PostgresTransport(JdbcClient.create(dataSource), new TransactionTemplate(transactionManager),
					format, handling, metrics, properties, listenConnections, json.getIfAvailable(JsonMapper::shared));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("springbase.events.enabled")
	@ConditionalOnProperty(name = "springbase.events.transport", havingValue = "rabbitmq")
	@ConditionalOnClass(name = "org.springframework.amqp.rabbit.connection.CachingConnectionFactory")
	static class RabbitTransportConfiguration {

		@Bean
		RabbitTransport rabbitEventTransport(RabbitConnectionDetails rabbit, DataSource dataSource,
				PlatformTransactionManager transactionManager, CloudEventJson format, IdempotentHandling handling,
				EventMetrics metrics, EventsProperties properties, EventsSchema schema,
				ObjectProvider<JsonMapper> json) {
			// Its own connections: publisher confirms must not change the service's own
			// RabbitMQ setup.
			CachingConnectionFactory connectionFactory = new CachingConnectionFactory(rabbit.getFirstAddress().host(),
					rabbit.getFirstAddress().port());
			connectionFactory.setUsername(rabbit.getUsername());
			connectionFactory.setPassword(rabbit.getPassword());
			if (rabbit.getVirtualHost() != null) {
				connectionFactory.setVirtualHost(rabbit.getVirtualHost());
			}
			connectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
			connectionFactory.setConnectionNameStrategy((factory) -> "springbase-events");
			return new RabbitTransport(connectionFactory, JdbcClient.create(dataSource),
					new TransactionTemplate(transactionManager), format, handling, metrics, properties, schema,
					json.getIfAvailable(JsonMapper::shared));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("springbase.events.enabled")
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnProperty("springbase.api-prefix")
	static class DeadLetterApiConfiguration {

		@Bean
		DeadLetterController deadLetterController(DeadLetters deadLetters) {
			return new DeadLetterController(deadLetters);
		}

	}

}
