package dev.springbase.platform.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.Channel;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventDeserializationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events over RabbitMQ, for deployments that outgrow one database. The relay publishes
 * each batch to a durable topic exchange, routed by type, and waits for the broker's
 * publisher confirms before it marks the batch sent. Each subscription has a durable
 * queue bound with its type pattern and is consumed with manual acks: a batch is handled
 * in one database transaction (processed ids included) and acknowledged after it commits,
 * so a crash in between redelivers events that the processed ids then skip. A failed
 * event is republished to a per-delay retry queue whose messages expire back into the
 * subscription's queue (TTL and dead-lettering, no plugin needed); after the last attempt
 * it is kept as a dead letter in the service's own schema.
 */
class RabbitTransport implements EventTransport, DisposableBean {

	static final String ATTEMPT_HEADER = "x-springbase-attempt";

	private static final Logger log = LoggerFactory.getLogger(RabbitTransport.class);

	private final CachingConnectionFactory connectionFactory;

	private final RabbitTemplate template;

	private final RabbitAdmin admin;

	private final TransactionTemplate transactions;

	private final CloudEventJson format;

	private final IdempotentHandling handling;

	private final EventMetrics metrics;

	private final EventsProperties properties;

	private final Backoff backoff;

	private final JdbcDeadLetters deadLetters;

	private final Map<String, List<SimpleMessageListenerContainer>> containers = new ConcurrentHashMap<>();

	RabbitTransport(CachingConnectionFactory connectionFactory, JdbcClient jdbc, TransactionTemplate transactions,
			CloudEventJson format, IdempotentHandling handling, EventMetrics metrics, EventsProperties properties,
			EventsSchema schema, JsonMapper json) {
		this.connectionFactory = connectionFactory;
		this.template = new RabbitTemplate(connectionFactory);
		this.admin = new RabbitAdmin(connectionFactory);
		this.transactions = transactions;
		this.format = format;
		this.handling = handling;
		this.metrics = metrics;
		this.properties = properties;
		this.backoff = Backoff.of(properties.consumer());
		this.deadLetters = new JdbcDeadLetters(jdbc, transactions, schema.deadLetters(), json, this::redeliver);
		this.admin.declareExchange(new TopicExchange(properties.rabbit().exchange(), true, false));
	}

	@Override
	public void send(List<OutboxEvent> batch) {
		publishConfirmed(batch.stream()
			.map((event) -> new Outgoing(this.properties.rabbit().exchange(), event.type(),
					message(event.payload().getBytes(StandardCharsets.UTF_8), event.id().toString(), 1, null)))
			.toList());
	}

	@Override
	public Subscribed subscribe(Subscription subscription, TypePattern pattern, EventFilter filter,
			EventHandler handler) {
		String queueName = queueOf(subscription.name());
		Queue queue = QueueBuilder.durable(queueName).build();
		this.admin.declareQueue(queue);
		this.admin.declareBinding(BindingBuilder.bind(queue)
			.to(new TopicExchange(this.properties.rabbit().exchange(), true, false))
			.with(pattern.bindingKey()));
		for (long delay : retryDelays()) {
			this.admin.declareQueue(QueueBuilder.durable(retryQueueOf(subscription.name(), delay))
				.ttl((int) delay)
				.deadLetterExchange("")
				.deadLetterRoutingKey(queueName)
				.build());
		}
		EventsProperties.Consumer consumer = this.properties.consumer();
		int batchSize = subscription.batchSize(consumer);
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(this.connectionFactory);
		container.setQueueNames(queueName);
		container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		container.setConsumerBatchEnabled(true);
		container.setBatchSize(batchSize);
		container.setPrefetchCount(batchSize * 2);
		// A partial batch is handed over after this long without a new message.
		container.setReceiveTimeout(10);
		container.setConcurrentConsumers(subscription.concurrency(consumer));
		boolean alone = subscription.outsideTransaction();
		container.setMessageListener((ChannelAwareBatchMessageListener) (messages,
				channel) -> onBatch(subscription.name(), filter, handler, alone, messages, channel));
		container.afterPropertiesSet();
		container.start();
		this.containers.computeIfAbsent(subscription.name(), (name) -> new CopyOnWriteArrayList<>()).add(container);
		return () -> {
			this.containers.getOrDefault(subscription.name(), List.of()).remove(container);
			container.stop();
		};
	}

	@Override
	public void unsubscribe(String name) {
		List<SimpleMessageListenerContainer> running = this.containers.remove(name);
		if (running != null) {
			running.forEach(SimpleMessageListenerContainer::stop);
		}
		this.admin.deleteQueue(queueOf(name));
		for (long delay : retryDelays()) {
			this.admin.deleteQueue(retryQueueOf(name, delay));
		}
		this.transactions.executeWithoutResult((status) -> this.deadLetters.deleteAll(name));
	}

	@Override
	public DeadLetters deadLetters() {
		return this.deadLetters;
	}

	@Override
	public void destroy() {
		this.containers.values().forEach((list) -> list.forEach(SimpleMessageListenerContainer::stop));
		this.connectionFactory.destroy();
	}

	private void onBatch(String subscription, EventFilter filter, EventHandler handler, boolean alone,
			List<Message> messages, Channel channel) {
		long lastTag = messages.getLast().getMessageProperties().getDeliveryTag();
		List<Message> accepted = new ArrayList<>();
		List<CloudEvent> events = new ArrayList<>();
		for (Message message : messages) {
			try {
				CloudEvent event = this.format.deserialize(message.getBody());
				if (filter.matches(event)) {
					accepted.add(message);
					events.add(event);
				}
			}
			catch (EventDeserializationException ex) {
				log.error("Dropping unreadable message {} for {}", message.getMessageProperties().getMessageId(),
						subscription, ex);
			}
		}
		try {
			List<Outgoing> retries;
			if (alone) {
				retries = handleAlone(subscription, handler, accepted, events);
			}
			else {
				try {
					retries = handleBatch(subscription, handler, accepted, events, null);
				}
				catch (IdempotentHandling.OptimisticBatchFailed ex) {
					retries = handleBatch(subscription, handler, accepted, events, ex);
				}
			}
			publishConfirmed(retries);
			retries.forEach((retry) -> this.metrics.retried(subscription));
			channel.basicAck(lastTag, true);
		}
		catch (RuntimeException | IOException ex) {
			log.warn("Consuming subscription {} failed, the broker redelivers: {}", subscription, ex.getMessage());
			nack(channel, lastTag);
		}
	}

	private static void nack(Channel channel, long lastTag) {
		try {
			channel.basicNack(lastTag, true, true);
		}
		catch (IOException ex) {
			// The channel is gone; the broker requeues whatever it had not seen acked.
			log.debug("Could not reject messages on a closed channel: {}", ex.getMessage());
		}
	}

	/**
	 * Handles a batch in one transaction; failed events are dead-lettered in it after
	 * their last attempt, or returned as retries to publish once it commits.
	 */
	private List<Outgoing> handleBatch(String subscription, EventHandler handler, List<Message> messages,
			List<CloudEvent> events, IdempotentHandling.@Nullable OptimisticBatchFailed failedBefore) {
		List<Outgoing> retries = new ArrayList<>();
		this.transactions.executeWithoutResult((status) -> {
			List<@Nullable Exception> outcomes = this.handling.handle(subscription, handler, events, failedBefore);
			for (int i = 0; i < events.size(); i++) {
				Exception failure = outcomes.get(i);
				if (failure != null) {
					Outgoing retry = failed(subscription, messages.get(i), events.get(i), failure);
					if (retry != null) {
						retries.add(retry);
					}
				}
			}
		});
		return retries;
	}

	/**
	 * Runs the handler outside any transaction for each event; then records it as
	 * processed, or dead-letters it, in a short one. The unacknowledged message is what
	 * keeps other consumers away meanwhile.
	 */
	private List<Outgoing> handleAlone(String subscription, EventHandler handler, List<Message> messages,
			List<CloudEvent> events) {
		List<Outgoing> retries = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			Message message = messages.get(i);
			CloudEvent event = events.get(i);
			Exception failure = this.handling.handleAlone(subscription, handler, event);
			this.transactions.executeWithoutResult((status) -> {
				if (failure == null) {
					this.handling.recordProcessed(subscription, event);
					return;
				}
				Outgoing retry = failed(subscription, message, event, failure);
				if (retry != null) {
					retries.add(retry);
				}
			});
		}
		return retries;
	}

	/** Dead-letters the event after its last attempt, or returns its retry. */
	private @Nullable Outgoing failed(String subscription, Message message, CloudEvent event, Exception failure) {
		int attempt = attemptOf(message);
		String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
		log.warn("Handling {} {} for {} failed (attempt {}): {}", event.getType(), event.getId(), subscription, attempt,
				error);
		if (attempt >= this.properties.consumer().maxAttempts()) {
			this.deadLetters.add(subscription, event, new String(message.getBody(), StandardCharsets.UTF_8), attempt,
					error);
			this.metrics.deadLettered(subscription);
			return null;
		}
		long ceiling = this.backoff.ceiling(attempt).toMillis();
		return new Outgoing("", retryQueueOf(subscription, ceiling),
				message(message.getBody(), event.getId(), attempt + 1, this.backoff.after(attempt)));
	}

	/** A replayed dead letter goes straight to its subscription's queue. */
	private void redeliver(DeadLetter deadLetter, String payload) {
		publishConfirmed(List.of(new Outgoing("", queueOf(deadLetter.subscription()),
				message(payload.getBytes(StandardCharsets.UTF_8), deadLetter.eventId().toString(), 1, null))));
	}

	private void publishConfirmed(List<Outgoing> messages) {
		if (messages.isEmpty()) {
			return;
		}
		this.template.invoke((operations) -> {
			for (Outgoing outgoing : messages) {
				operations.send(outgoing.exchange(), outgoing.routingKey(), outgoing.message());
			}
			operations.waitForConfirmsOrDie(this.properties.rabbit().confirmTimeout().toMillis());
			return null;
		});
	}

	private Set<Long> retryDelays() {
		Set<Long> delays = new LinkedHashSet<>();
		for (int attempt = 1; attempt < this.properties.consumer().maxAttempts(); attempt++) {
			delays.add(this.backoff.ceiling(attempt).toMillis());
		}
		return delays;
	}

	private String queueOf(String subscription) {
		return this.properties.rabbit().queuePrefix() + "." + subscription;
	}

	private String retryQueueOf(String subscription, long delayMillis) {
		return queueOf(subscription) + ".retry." + delayMillis + "ms";
	}

	private static int attemptOf(Message message) {
		Object attempt = message.getMessageProperties().getHeaders().get(ATTEMPT_HEADER);
		return (attempt instanceof Number number) ? number.intValue() : 1;
	}

	private static Message message(byte[] body, String eventId, int attempt, @Nullable Duration expiration) {
		Message message = MessageBuilder.withBody(body)
			.setContentType(CloudEventJson.CONTENT_TYPE)
			.setMessageId(eventId)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setHeader(ATTEMPT_HEADER, attempt)
			.build();
		if (expiration != null) {
			message.getMessageProperties().setExpiration(Long.toString(Math.max(1, expiration.toMillis())));
		}
		return message;
	}

	private record Outgoing(String exchange, String routingKey, Message message) {

	}

}
