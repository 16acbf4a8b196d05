package dev.springbase.functions.projects;

import java.util.UUID;

import io.cloudevents.CloudEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import dev.springbase.functions.catalog.FunctionService;
import dev.springbase.functions.database.ProjectDatabases;
import dev.springbase.platform.events.CloudEventJson;
import dev.springbase.platform.events.EventSubscriber;
import dev.springbase.platform.events.Subscription;

/**
 * Removes a deleted project's functions (with their versions, secrets, triggers,
 * invocation records and workers) and then its database, on {@code auth.project.deleted}.
 * Both steps are idempotent, so a redelivered event finishes what a crash interrupted.
 */
@ConditionalOnBooleanProperty("springbase.events.enabled")
@Component
class DeletedProjects implements ApplicationRunner {

	static final String SUBSCRIPTION = "functions.deleted-projects";

	private static final Logger log = LoggerFactory.getLogger(DeletedProjects.class);

	private final EventSubscriber subscriber;

	private final FunctionService functions;

	private final ProjectDatabases databases;

	DeletedProjects(EventSubscriber subscriber, FunctionService functions, ProjectDatabases databases) {
		this.subscriber = subscriber;
		this.functions = functions;
		this.databases = databases;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.subscriber.subscribe(Subscription.of(SUBSCRIPTION, "auth.project.deleted").withoutTransaction(),
				this::handle);
	}

	private void handle(CloudEvent event) {
		UUID project = UUID.fromString(String.valueOf(event.getExtension(CloudEventJson.PROJECT)));
		int deleted = this.functions.deleteAll(project);
		this.databases.drop(project);
		log.info("Removed the functions ({}) and the database of deleted project {}", deleted, project);
	}

}
