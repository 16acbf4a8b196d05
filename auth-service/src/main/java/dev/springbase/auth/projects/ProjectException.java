package dev.springbase.auth.projects;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** Failures around projects and their members. */
public final class ProjectException extends ApiException {

	private ProjectException(HttpStatus status, String code, String detail) {
		super(status, code, detail);
	}

	/**
	 * Also the answer for projects the caller may not see, so that ids of other projects
	 * leak nothing.
	 */
	static ProjectException notFound(UUID projectId) {
		return new ProjectException(HttpStatus.NOT_FOUND, "auth.project_not_found",
				"No project " + projectId + " is visible to you.");
	}

	static ProjectException roleInsufficient(String who, ProjectAccess.Action action) {
		String needed = switch (action) {
			case READ -> "any project role";
			case WRITE -> "the developer or owner role";
			case MANAGE -> "the owner role";
		};
		return new ProjectException(HttpStatus.FORBIDDEN, "auth.role_insufficient",
				"This needs " + needed + "; you act as " + who + " in this project.");
	}

	static ProjectException managementRefused(String role) {
		return new ProjectException(HttpStatus.FORBIDDEN, "auth.role_insufficient", "Projects are managed with a "
				+ "console account or a secret key of the project; a caller with role " + role + " may not.");
	}

	static ProjectException lastOwner() {
		return new ProjectException(HttpStatus.CONFLICT, "auth.last_owner",
				"A project keeps at least one owner; make another member owner first.");
	}

	static ProjectException memberNotFound(UUID accountId) {
		return new ProjectException(HttpStatus.NOT_FOUND, "auth.member_not_found",
				"Account " + accountId + " is not a member of this project.");
	}

	static ProjectException memberExists(String email) {
		return new ProjectException(HttpStatus.CONFLICT, "auth.member_exists",
				email + " is already a member of this project; change the role with PATCH instead.");
	}

	static ProjectException invalidOrigin(String origin) {
		return new ProjectException(HttpStatus.BAD_REQUEST, "auth.invalid_origin",
				"'" + origin + "' is not an origin; use scheme://host[:port] (no path) or \"*\".");
	}

	static ProjectException invalidRole(String role) {
		return new ProjectException(HttpStatus.BAD_REQUEST, "auth.invalid_role",
				"'" + role + "' is not a project role; use owner, developer or viewer.");
	}

}
