package dev.springbase.auth.projects;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.springbase.platform.events.EventPublisher;
import dev.springbase.platform.events.NewEvent;
import dev.springbase.platform.events.ProjectRemoval;

/**
 * Emits {@code auth.project.deleted} in the transaction that deletes the project, so the
 * other services remove what they hold for it (objects, functions, the project's
 * database). Does nothing where events are switched off
 * ({@code springbase.events.enabled=false}).
 */
@Component
class ProjectEvents {

	private final @Nullable EventPublisher publisher;

	ProjectEvents(ObjectProvider<EventPublisher> publisher) {
		this.publisher = publisher.getIfAvailable();
	}

	void deleted(Project project) {
		if (this.publisher != null) {
			this.publisher.publish(NewEvent.of(ProjectRemoval.EVENT_TYPE, project.id(), project.id().toString(),
					Map.of("project", Map.of("id", project.id(), "name", project.name()))));
		}
	}

}
