package dev.springbase.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;

import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The event contract over the RabbitMQ transport, against the broker on localhost:5672.
 * Exchange and queues carry a prefix of their own, so runs never see each other's
 * messages, and are deleted afterwards.
 */
class RabbitEventsTests extends EventsContractTests {

	static final String PREFIX = "sbtest-" + UUID.randomUUID().toString().substring(0, 8);

	static final List<String> SUBSCRIPTIONS = List.of("commit.objects", "commit.photos", "commit.users",
			"rollback.objects", "order.objects", "dup.objects", "poison.objects", "bad.objects", "shared.objects",
			"metrics.objects", EventsChildProcess.SUBSCRIPTION, "retention.objects", "gone.objects", "single.objects",
			"alone.objects");

	@DynamicPropertySource
	static void rabbit(DynamicPropertyRegistry registry) {
		rabbitProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	static Map<String, String> rabbitProperties() {
		return Map.of("springbase.events.transport", "rabbitmq", "springbase.events.rabbit.exchange", PREFIX,
				"springbase.events.rabbit.queue-prefix", PREFIX);
	}

	@Override
	Map<String, String> transportProperties() {
		return rabbitProperties();
	}

	@Override
	boolean transportKnows(String subscription) {
		return withAdmin((admin) -> admin.getQueueInfo(PREFIX + "." + subscription) != null);
	}

	@Override
	long pending(String subscription) {
		return withAdmin((admin) -> {
			java.util.Properties queue = admin.getQueueProperties(PREFIX + "." + subscription);
			return (queue != null) ? ((Number) queue.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).longValue() : 0L;
		});
	}

	@Override
	void deliverAgain(String subscription, String payload, int copies) {
		withAdmin((admin) -> {
			for (int i = 0; i < copies; i++) {
				admin.getRabbitTemplate()
					.send("", PREFIX + "." + subscription,
							MessageBuilder.withBody(payload.getBytes(StandardCharsets.UTF_8))
								.setContentType(CloudEventJson.CONTENT_TYPE)
								.build());
			}
			return null;
		});
	}

	@Override
	void agePrunableTransportRecords(String eventId) {
		// The broker forgets a message once it is acknowledged: nothing to age.
	}

	@AfterAll
	static void deleteQueues() {
		withAdmin((admin) -> {
			for (String subscription : SUBSCRIPTIONS) {
				String queue = PREFIX + "." + subscription;
				admin.deleteQueue(queue);
				admin.deleteQueue(queue + ".retry.200ms");
				admin.deleteQueue(queue + ".retry.400ms");
			}
			return admin.deleteExchange(PREFIX);
		});
	}

	private static <T> T withAdmin(java.util.function.Function<RabbitAdmin, T> work) {
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory("localhost", 5672);
		try {
			return work.apply(new RabbitAdmin(connectionFactory));
		}
		finally {
			connectionFactory.destroy();
		}
	}

}
