package dev.springbase.functions.access;

import java.util.UUID;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.security.ConsoleRoles;

/**
 * Who is calling the functions API, in which project and with what standing. Controllers
 * take it as a parameter; it is resolved from the verified platform token (and, for
 * console accounts, their member role in the project named by {@link #PROJECT_HEADER}).
 *
 * @param projectId the project every lookup is confined to
 * @param level what the caller may manage
 * @param caller the verified caller, handed to functions it invokes
 */
public record Requester(UUID projectId, Level level, Caller caller) {

	/**
	 * Console account tokens carry no project, so console calls name it in this header.
	 */
	public static final String PROJECT_HEADER = ConsoleRoles.PROJECT_HEADER;

	public enum Level {

		/**
		 * Secret key, or a console owner or developer: deploys and configures functions.
		 */
		ADMIN,

		/** A console viewer: reads functions and invocations, changes nothing. */
		VIEWER,

		/** An end user or a publishable key: invokes functions, manages nothing. */
		CLIENT

	}

	public boolean canRead() {
		return this.level == Level.ADMIN || this.level == Level.VIEWER;
	}

	public void requireAdmin() {
		if (this.level != Level.ADMIN) {
			throw ApiException.forbidden("functions.admin_required",
					"Only a secret key or a console owner or developer of the project may do this.");
		}
	}

	public void requireAdminOrViewer() {
		if (!canRead()) {
			throw ApiException.forbidden("functions.admin_required",
					"Only a secret key or a console member of the project may do this.");
		}
	}

}
