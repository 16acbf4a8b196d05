package dev.springbase.functions.triggers;

import java.util.UUID;

/**
 * Makes a table of a project's database emit {@code db.row.*} events, or stop. Database
 * triggers need a bean of it; without one they are refused.
 */
public interface TableWatching {

	/** Starts emitting events for the table's rows; watching it twice is no error. */
	void watch(UUID projectId, String table);

	/** Stops emitting events for the table's rows. */
	void unwatch(UUID projectId, String table);

}
