package dev.springbase.platform.events;

import java.util.Arrays;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A service instance in its own JVM, for tests that kill it: it consumes the subscription
 * {@code kill-test} (recording each handled event in {@code svc.effects}) and, given
 * {@code produce}, publishes events in small transactions until it is killed. Arguments:
 * {@code produce|consume} followed by Spring properties as {@code --name=value}.
 */
final class EventsChildProcess {

	static final String SUBSCRIPTION = "kill-test";

	private EventsChildProcess() {
	}

	public static void main(String[] args) throws Exception {
		boolean produce = args[0].equals("produce");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(EventsTestApplication.class)
			.web(WebApplicationType.SERVLET)
			.run(Arrays.copyOfRange(args, 1, args.length));
		JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
		context.getBean(EventSubscriber.class)
			.subscribe(Subscription.of(SUBSCRIPTION, "storage.object.*"),
					(event) -> jdbc
						.sql("insert into svc.effects (subscription, event_id, instance) values (?, ?::uuid, ?)")
						.params(SUBSCRIPTION, event.getId(), "child")
						.update());
		System.out.println("child ready");
		if (!produce) {
			Thread.currentThread().join();
		}
		EventPublisher publisher = context.getBean(EventPublisher.class);
		TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		for (int i = 0; i < 100_000; i++) {
			int n = i;
			transaction.executeWithoutResult((status) -> {
				for (int k = 0; k < 5; k++) {
					publisher
						.publish(NewEvent.of("storage.object.created", UUID.randomUUID(), "kill/" + n + "/" + k, null));
				}
			});
			Thread.sleep(5);
		}
	}

}
