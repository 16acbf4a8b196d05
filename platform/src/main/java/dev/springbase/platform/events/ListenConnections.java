package dev.springbase.platform.events;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens the connection that LISTENs for event notifications. It is held for as long as
 * the service runs, so it comes from the driver directly, not from the pool.
 */
@FunctionalInterface
interface ListenConnections {

	Connection open() throws SQLException;

}
