package dev.springbase.storage.access;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.security.ConsoleRoles;

/**
 * Who is calling the storage API, in which project and with what standing. Controllers
 * take it as a parameter; it is resolved from the verified platform token (and, for
 * console accounts, their member role in the project named by {@link #PROJECT_HEADER}).
 *
 * @param projectId the project every lookup is confined to
 * @param level what the caller may do in general; bucket rules refine it per object
 * @param userId the signed-in end user, for {@link Level#USER}
 */
public record Requester(UUID projectId, Level level, @Nullable String userId) {

	/**
	 * Console account tokens carry no project, so console calls name it in this header.
	 */
	public static final String PROJECT_HEADER = ConsoleRoles.PROJECT_HEADER;

	public enum Level {

		/** Secret key, or a console owner or developer: everything in the project. */
		ADMIN,

		/** A console viewer: reads everything, changes nothing. */
		VIEWER,

		/** A signed-in end user: what the bucket's rules give signed-in users. */
		USER,

		/** A publishable key alone: reads public buckets. */
		ANON

	}

	public static Requester admin(UUID projectId) {
		return new Requester(projectId, Level.ADMIN, null);
	}

	public boolean isAdmin() {
		return this.level == Level.ADMIN;
	}

	/** Managing buckets is for admins; viewers may look. */
	public void requireAdmin() {
		if (this.level != Level.ADMIN) {
			throw ApiException.forbidden("storage.admin_required",
					"Only a secret key or a console owner or developer of the project may do this.");
		}
	}

	public void requireAdminOrViewer() {
		if (this.level != Level.ADMIN && this.level != Level.VIEWER) {
			throw ApiException.forbidden("storage.admin_required",
					"Only a secret key or a console member of the project may do this.");
		}
	}

}
