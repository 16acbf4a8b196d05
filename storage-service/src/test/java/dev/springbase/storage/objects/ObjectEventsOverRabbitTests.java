package dev.springbase.storage.objects;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.springbase.platform.events.EventSubscriber;
import dev.springbase.platform.events.Subscribed;
import dev.springbase.platform.events.Subscription;
import dev.springbase.storage.StorageClient.Reply;
import dev.springbase.storage.StorageServiceTests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * The storage service switches its events to RabbitMQ by configuration alone, and then
 * counts the broker in its health.
 */
@TestPropertySource(
		properties = { "springbase.events.transport=rabbitmq", "management.endpoint.health.show-components=always" })
class ObjectEventsOverRabbitTests extends StorageServiceTests {

	static final String PREFIX = "storage-test-" + UUID.randomUUID();

	@Autowired
	EventSubscriber subscriber;

	/** An exchange and queues of this run's own, deleted afterwards. */
	@DynamicPropertySource
	static void rabbitNames(DynamicPropertyRegistry registry) {
		registry.add("springbase.events.rabbit.exchange", () -> PREFIX);
		registry.add("springbase.events.rabbit.queue-prefix", () -> PREFIX);
	}

	@Test
	void uploadsAreDeliveredOverRabbitAndTheBrokerCountsInHealth() throws InterruptedException {
		List<CloudEvent> received = new CopyOnWriteArrayList<>();
		CountDownLatch delivered = new CountDownLatch(1);
		this.api.json("POST", "/storage/v1/bucket", this.secret, Map.of("name", "docs"));
		try (Subscribed subscribed = this.subscriber.subscribe(Subscription.of("objects", "storage.object.*"),
				(event) -> {
					received.add(event);
					delivered.countDown();
				})) {
			Reply stored = this.api.put("/storage/v1/object/docs/a.txt", this.secret, "a".getBytes());
			assertThat(stored.status()).isEqualTo(201);

			assertThat(delivered.await(20, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(received).singleElement().satisfies((event) -> {
			assertThat(event.getType()).isEqualTo("storage.object.created");
			assertThat(event.getSubject()).isEqualTo("docs/a.txt");
		});
		Reply health = this.api.get("/actuator/health", null);
		assertThat(health.json()).extractingByKey("components").asInstanceOf(MAP).containsKey("rabbit");
	}

	@AfterAll
	static void deleteExchangeAndQueues() {
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory("localhost", 5672);
		try {
			RabbitAdmin admin = new RabbitAdmin(connectionFactory);
			admin.deleteQueue(PREFIX + ".objects");
			admin.deleteExchange(PREFIX);
		}
		finally {
			connectionFactory.destroy();
		}
	}

}
