package dev.springbase.auth.projects;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.springbase.auth.accounts.ConsoleAccess;
import dev.springbase.platform.security.Caller;

/**
 * Decides what a caller may do in a project. A project the caller cannot see is 404,
 * never 403; only within a visible project does a missing role become 403.
 * <ul>
 * <li>Console accounts act with their member role; platform admins act as owner in every
 * project.</li>
 * <li>A secret key (role {@code service_role}) acts as developer in its own project, and
 * so does a function with the token minted for it.</li>
 * <li>Publishable keys and end users may not manage projects at all.</li>
 * </ul>
 */
@Component
public class ProjectAccess {

	/** What a request wants to do. */
	public enum Action {

		/** Look at the project, its members and keys. */
		READ,

		/** Change the project or its keys. */
		WRITE,

		/** Delete the project or manage its members. */
		MANAGE

	}

	private final ProjectRepository projects;

	private final MemberRepository members;

	ProjectAccess(ProjectRepository projects, MemberRepository members) {
		this.projects = projects;
		this.members = members;
	}

	/**
	 * The role the caller acts with in the project, when it allows the action.
	 * @throws ProjectException {@code auth.project_not_found} when the caller cannot see
	 * the project, {@code auth.role_insufficient} when its role does not allow the action
	 */
	public ProjectRole require(Caller caller, UUID projectId, Action action) {
		ProjectRole role = roleOf(caller, projectId);
		if (!role.allows(action)) {
			throw ProjectException.roleInsufficient(role.value(), action);
		}
		return role;
	}

	/**
	 * The project an admin request on end users acts on: the one in the path (console
	 * accounts name it there) or else the caller's own (a secret key's). Needs a
	 * developer or owner, or a secret key.
	 */
	public UUID requireUserAdmin(Caller caller, @Nullable UUID projectId) {
		UUID target = (projectId != null) ? projectId : caller.requireProject();
		require(caller, target, Action.WRITE);
		return target;
	}

	/**
	 * Refuses a project that does not exist, or no longer does.
	 * @throws ProjectException {@code auth.project_not_found}
	 */
	public void requireExists(UUID projectId) {
		if (!this.projects.exists(projectId)) {
			throw ProjectException.notFound(projectId);
		}
	}

	private ProjectRole roleOf(Caller caller, UUID projectId) {
		if (caller.isAccount()) {
			UUID accountId = ConsoleAccess.requireAccount(caller);
			return this.members.findRole(projectId, accountId).orElseGet(() -> {
				if (ConsoleAccess.isAdmin(caller) && this.projects.exists(projectId)) {
					return ProjectRole.OWNER;
				}
				throw ProjectException.notFound(projectId);
			});
		}
		if (!Objects.equals(caller.projectId(), projectId) || !this.projects.exists(projectId)) {
			throw ProjectException.notFound(projectId);
		}
		boolean keyOrFunction = caller.kind() == Caller.Kind.API_KEY || caller.kind() == Caller.Kind.FUNCTION;
		if (keyOrFunction && caller.isServiceRole()) {
			return ProjectRole.DEVELOPER;
		}
		throw ProjectException.managementRefused(caller.role());
	}

}
