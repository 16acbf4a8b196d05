package dev.springbase.functions.sdk.database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The project's own PostgreSQL database: a schema that only the project's role may use.
 * Tables that functions are bound to yield {@code db.row.*} events when rows change.
 *
 * <pre>{@code
 * try (Connection connection = FunctionContext.current().database().connect();
 *         PreparedStatement insert = connection.prepareStatement("insert into orders (item) values (?)")) {
 *     insert.setString(1, "tea");
 *     insert.executeUpdate();
 * }
 * }</pre>
 */
public interface ProjectDatabase {

	/**
	 * Opens a new connection as the project's role, with the project's schema as its
	 * search path and auto-commit on. The caller closes it; the role has a small
	 * connection limit shared by every worker of the project.
	 * @throws SQLException when the database cannot be reached or the limit is reached
	 */
	Connection connect() throws SQLException;

	/** The project's schema, where unqualified names are looked up and created. */
	String schema();

}
