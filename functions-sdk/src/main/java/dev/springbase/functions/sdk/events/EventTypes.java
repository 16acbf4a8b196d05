package dev.springbase.functions.sdk.events;

/** The event types the services emit, with the payload each carries. */
public final class EventTypes {

	/** A new object, or a new version of one: {@link StorageObjectEvent}. */
	public static final String STORAGE_OBJECT_CREATED = "storage.object.created";

	/** An object deleted or moved away: {@link StorageObjectEvent}. */
	public static final String STORAGE_OBJECT_DELETED = "storage.object.deleted";

	/** An end user signed up or was created by an admin: {@link AuthUserEvent}. */
	public static final String AUTH_USER_CREATED = "auth.user.created";

	/** An end user's record changed: {@link AuthUserEvent}. */
	public static final String AUTH_USER_UPDATED = "auth.user.updated";

	/** An end user was deleted: {@link AuthUserEvent}. */
	public static final String AUTH_USER_DELETED = "auth.user.deleted";

	/** An end user signed in: {@link AuthUserEvent} with its session id. */
	public static final String AUTH_USER_SIGNED_IN = "auth.user.signed_in";

	/** A row was inserted into a watched table: {@link DatabaseRowEvent}. */
	public static final String DB_ROW_INSERTED = "db.row.inserted";

	/** A row of a watched table changed: {@link DatabaseRowEvent}. */
	public static final String DB_ROW_UPDATED = "db.row.updated";

	/** A row was deleted from a watched table: {@link DatabaseRowEvent}. */
	public static final String DB_ROW_DELETED = "db.row.deleted";

	/** A schedule trigger fired: {@link ScheduleTick}. */
	public static final String SCHEDULE_TICK = "schedule.tick";

	private EventTypes() {
	}

}
