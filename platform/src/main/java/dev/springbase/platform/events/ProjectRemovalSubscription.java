package dev.springbase.platform.events;

import java.util.UUID;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Subscribes the service's {@link ProjectRemoval} to deleted projects once the
 * application is ready.
 */
class ProjectRemovalSubscription implements ApplicationRunner {

	private final EventSubscriber subscriber;

	private final ProjectRemoval removal;

	private final String name;

	ProjectRemovalSubscription(EventSubscriber subscriber, ProjectRemoval removal, String service) {
		this.subscriber = subscriber;
		this.removal = removal;
		this.name = service + ".deleted-projects";
	}

	@Override
	public void run(ApplicationArguments args) {
		this.subscriber.subscribe(Subscription.of(this.name, ProjectRemoval.EVENT_TYPE).withoutTransaction(),
				(event) -> this.removal
					.remove(UUID.fromString(String.valueOf(event.getExtension(CloudEventJson.PROJECT)))));
	}

}
