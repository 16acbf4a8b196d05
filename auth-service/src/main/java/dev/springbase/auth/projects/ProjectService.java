package dev.springbase.auth.projects;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.springbase.auth.accounts.ConsoleAccess;
import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.auth.projects.ProjectAccess.Action;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

@Service
class ProjectService {

	private final ProjectRepository projects;

	private final MemberRepository members;

	private final ProjectAccess access;

	private final ProjectEvents events;

	ProjectService(ProjectRepository projects, MemberRepository members, ProjectAccess access, ProjectEvents events) {
		this.projects = projects;
		this.members = members;
		this.access = access;
		this.events = events;
	}

	/** Creates a project with the calling account as its owner. */
	@Transactional
	ProjectView create(Caller caller, String name, @Nullable List<String> allowedOrigins) {
		UUID accountId = ConsoleAccess.requireAccount(caller);
		Instant now = Timestamps.now();
		Project project = new Project(Ids.newId(), name.strip(), AllowedOrigins.normalize(allowedOrigins), now, now);
		this.projects.insert(project);
		this.members.insert(project.id(), accountId, ProjectRole.OWNER, now);
		return ProjectView.of(project);
	}

	/**
	 * The projects an account is a member of (all of them for a platform admin); a secret
	 * key sees its own project.
	 */
	@Transactional(readOnly = true)
	CursorPage<ProjectView> list(Caller caller, PageRequest page) {
		if (!caller.isAccount()) {
			UUID own = caller.requireProject();
			this.access.require(caller, own, Action.READ);
			boolean pastIt = page.after() != null && page.after().compareTo(own) >= 0;
			List<ProjectView> items = pastIt ? List.of()
					: this.projects.find(own).map(ProjectView::of).map(List::of).orElse(List.of());
			return new CursorPage<>(items, null);
		}
		List<Project> rows = ConsoleAccess.isAdmin(caller) ? this.projects.page(page)
				: this.projects.pageForMember(ConsoleAccess.requireAccount(caller), page);
		return CursorPage.of(rows, page.limit(), (project) -> PageRequest.cursorOf(project.id())).map(ProjectView::of);
	}

	@Transactional(readOnly = true)
	ProjectView get(Caller caller, UUID projectId) {
		this.access.require(caller, projectId, Action.READ);
		return this.projects.find(projectId)
			.map(ProjectView::of)
			.orElseThrow(() -> ProjectException.notFound(projectId));
	}

	@Transactional
	ProjectView update(Caller caller, UUID projectId, @Nullable String name, @Nullable List<String> allowedOrigins) {
		this.access.require(caller, projectId, Action.WRITE);
		Project current = this.projects.lock(projectId).orElseThrow(() -> ProjectException.notFound(projectId));
		Project updated = new Project(projectId, (name != null) ? name.strip() : current.name(),
				(allowedOrigins != null) ? AllowedOrigins.normalize(allowedOrigins) : current.allowedOrigins(),
				current.createdAt(), Timestamps.now());
		this.projects.update(projectId, updated.name(), updated.allowedOrigins(), updated.updatedAt());
		return ProjectView.of(updated);
	}

	/**
	 * Deletes the project with its members and keys, so its keys stop resolving at once,
	 * and tells the other services to remove what they hold for it.
	 */
	@Transactional
	void delete(Caller caller, UUID projectId) {
		this.access.require(caller, projectId, Action.MANAGE);
		Project project = this.projects.lock(projectId).orElseThrow(() -> ProjectException.notFound(projectId));
		this.projects.delete(projectId);
		this.events.deleted(project);
	}

	@Transactional(readOnly = true)
	List<String> allAllowedOrigins() {
		return this.projects.allAllowedOrigins();
	}

}
