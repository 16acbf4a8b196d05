package dev.springbase.functions.host;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

import dev.springbase.functions.sdk.database.ProjectDatabase;

/**
 * Connects user code to its project's database as the project's role. The driver is the
 * host's, used directly rather than through {@code DriverManager}: user code's class
 * loader cannot see it, and needs only the {@code java.sql} interfaces of the JDK.
 */
final class DatabaseClient implements ProjectDatabase {

	private static final Driver DRIVER = new org.postgresql.Driver();

	private final RuntimeMessages.Database database;

	private final String functionName;

	DatabaseClient(RuntimeMessages.Database database, String functionName) {
		this.database = database;
		this.functionName = functionName;
	}

	@Override
	public Connection connect() throws SQLException {
		if (this.database == null) {
			throw new SQLException("The project's database is not available to this worker; "
					+ "the functions service could not prepare it (see its log)", "08001");
		}
		Properties settings = new Properties();
		settings.setProperty("user", this.database.user());
		settings.setProperty("password", this.database.password());
		settings.setProperty("currentSchema", this.database.schema());
		settings.setProperty("ApplicationName", "function " + this.functionName);
		Connection connection = DRIVER.connect(this.database.url(), settings);
		if (connection == null) {
			throw new SQLException("The PostgreSQL driver does not accept " + this.database.url(), "08001");
		}
		return connection;
	}

	@Override
	public String schema() {
		if (this.database == null) {
			throw new IllegalStateException("The project's database is not available to this worker");
		}
		return this.database.schema();
	}

}
