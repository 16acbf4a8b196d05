package dev.springbase.functions.database;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.platform.crypto.MasterKey;
import dev.springbase.platform.jdbc.Timestamps;

/**
 * The database of each project: schema {@code proj_<project id without dashes>} and a
 * login role of the same name that owns it and has no other privilege. Both are created
 * on first use, under a lock per project, in one transaction with the record that keeps
 * the role's password (encrypted), so two instances racing create them once and a failure
 * leaves nothing behind.
 */
@Service
public class ProjectDatabases {

	private static final Logger log = LoggerFactory.getLogger(ProjectDatabases.class);

	/**
	 * Connection settings of the service's own URL that must not reach project logins.
	 */
	private static final Pattern OWN_SETTINGS = Pattern
		.compile("(?i)^(user|password|currentschema|options|applicationname)=.*");

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final TransactionTemplate transactions;

	private final MasterKey cipher;

	private final DatabaseProperties properties;

	private final String url;

	private final Driver driver = new org.postgresql.Driver();

	private final SecureRandom random = new SecureRandom();

	private final Map<UUID, DatabaseAccess> known = new ConcurrentHashMap<>();

	ProjectDatabases(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactionManager,
			MasterKey cipher, DatabaseProperties properties, ObjectProvider<JdbcConnectionDetails> connectionDetails) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.transactions = new TransactionTemplate(transactionManager);
		this.cipher = cipher;
		this.properties = properties;
		this.url = projectUrl(
				(properties.url() != null) ? properties.url() : connectionDetails.getObject().getJdbcUrl());
	}

	/** The name of the project's schema and of its role. */
	public static String nameOf(UUID projectId) {
		return "proj_" + projectId.toString().replace("-", "");
	}

	/** How to reach the project's database, which is created on first use. */
	public DatabaseAccess access(UUID projectId) {
		DatabaseAccess access = this.known.get(projectId);
		if (access == null) {
			access = this.transactions.execute((status) -> findOrCreate(projectId));
			this.known.put(projectId, access);
		}
		return access;
	}

	/** The project's schema, when its database was created already. */
	Optional<String> existing(UUID projectId) {
		if (this.known.containsKey(projectId)) {
			return Optional.of(nameOf(projectId));
		}
		return this.jdbc.sql("select name from project_databases where project_id = :project")
			.param("project", projectId)
			.query(String.class)
			.optional();
	}

	/**
	 * Drops the project's schema with everything in it, ends the sessions of its role and
	 * drops the role: what a deleted project leaves. Doing it twice is harmless.
	 */
	public void drop(UUID projectId) {
		String name = nameOf(projectId);
		this.transactions.executeWithoutResult((status) -> {
			lock(projectId);
			String role = quote(name);
			boolean exists = roleExists(name);
			if (exists) {
				// No new sessions, then none left: a role in use cannot be dropped.
				this.jdbc.sql("alter role " + role + " nologin").update();
				this.jdbc.sql("select pg_terminate_backend(pid) from pg_stat_activity where usename = :name")
					.param("name", name)
					.query(Boolean.class)
					.list();
			}
			this.jdbc.sql("drop schema if exists " + role + " cascade").update();
			if (exists) {
				this.jdbc.sql("revoke all on database " + thisDatabase() + " from " + role).update();
				this.jdbc.sql("drop role " + role).update();
			}
			this.jdbc.sql("delete from project_databases where project_id = :project")
				.param("project", projectId)
				.update();
		});
		// After the commit: an access cached meanwhile still named the dropped role.
		this.known.remove(projectId);
		log.info("Dropped the database of deleted project {} (schema and role {})", projectId, name);
	}

	/**
	 * A new connection as the project's role; the caller closes it.
	 * @param purpose shown as the connection's application name
	 */
	Connection connect(DatabaseAccess access, String purpose) throws SQLException {
		Properties settings = new Properties();
		settings.setProperty("user", access.user());
		settings.setProperty("password", access.password());
		settings.setProperty("currentSchema", access.schema());
		settings.setProperty("ApplicationName", purpose);
		Connection connection = this.driver.connect(access.url(), settings);
		if (connection == null) {
			throw new IllegalStateException("The PostgreSQL driver does not accept the URL " + access.url());
		}
		return connection;
	}

	/**
	 * Serialises provisioning and watch changes of one project across every instance,
	 * until the current transaction ends.
	 */
	void lock(UUID projectId) {
		this.jdbc.sql("select 1 from pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "springbase.functions.database:" + projectId)
			.query(Integer.class)
			.single();
	}

	private DatabaseAccess findOrCreate(UUID projectId) {
		lock(projectId);
		String name = nameOf(projectId);
		Optional<byte[]> stored = this.jdbc.sql("select password from project_databases where project_id = :project")
			.param("project", projectId)
			.query(byte[].class)
			.optional();
		if (stored.isPresent()) {
			String password = new String(this.cipher.decrypt(stored.get(), projectId.toString(),
					"password of the database role of project " + projectId), StandardCharsets.UTF_8);
			return new DatabaseAccess(this.url, name, password, name);
		}
		String password = newPassword();
		create(name, password);
		this.jdbc.sql("""
				insert into project_databases (project_id, name, password, created_at)
				values (:project, :name, :password, :now)""")
			.param("project", projectId)
			.param("name", name)
			.param("password", this.cipher.encrypt(password.getBytes(StandardCharsets.UTF_8), projectId.toString()))
			.param("now", Timestamps.toSql(Timestamps.now()))
			.update();
		log.info("Created the database of project {} (schema and role {})", projectId, name);
		return new DatabaseAccess(this.url, name, password, name);
	}

	private void create(String name, String password) {
		String role = quote(name);
		boolean exists = roleExists(name);
		// A role left over without its record (roles belong to the whole server) is
		// taken over with a fresh password and the same restrictions.
		this.jdbc
			.sql(((exists) ? "alter role " : "create role ") + role + " login nosuperuser nocreatedb "
					+ "nocreaterole noinherit noreplication nobypassrls connection limit "
					+ this.properties.connectionLimit())
			.update();
		setPassword(name, password);
		this.jdbc
			.sql("alter role " + role + " set statement_timeout = " + this.properties.statementTimeout().toMillis())
			.update();
		this.jdbc
			.sql("alter role " + role + " set idle_in_transaction_session_timeout = "
					+ this.properties.idleInTransactionTimeout().toMillis())
			.update();
		this.jdbc.sql("alter role " + role + " set search_path = " + role).update();
		// A statement whose client went away (a worker killed at its timeout) stops
		// within
		// a second instead of running to its end (PostgreSQL 14 and later).
		if (this.jdbc.sql("select current_setting('server_version_num')::int >= 140000")
			.query(Boolean.class)
			.single()) {
			this.jdbc.sql("alter role " + role + " set client_connection_check_interval = 1000").update();
		}
		this.jdbc.sql("create schema if not exists " + role + " authorization " + role).update();
		this.jdbc.sql("revoke all on schema " + role + " from public").update();
		this.jdbc.sql("grant connect on database " + thisDatabase() + " to " + role).update();
		// PostgreSQL before 15 lets everyone create objects in schema public, where they
		// could wait for another role's unqualified name.
		boolean publicSchema = Boolean.TRUE
			.equals(this.jdbc.sql("select exists (select 1 from pg_namespace where nspname = 'public')")
				.query(Boolean.class)
				.single());
		if (publicSchema) {
			this.jdbc.sql("revoke create on schema public from public").update();
		}
	}

	private boolean roleExists(String name) {
		return Boolean.TRUE.equals(this.jdbc.sql("select exists (select 1 from pg_roles where rolname = :name)")
			.param("name", name)
			.query(Boolean.class)
			.single());
	}

	/**
	 * Sends the SCRAM verifier, computed here, rather than the password: the statement
	 * may end up in the server's log.
	 */
	private void setPassword(String role, String password) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			connection.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not set the password of role " + role, ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private String newPassword() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** The name of the database the roles live in, quoted for GRANT and REVOKE. */
	private String thisDatabase() {
		return quote(this.jdbc.sql("select current_database()").query(String.class).single());
	}

	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	/** The service's JDBC URL without the settings that belong to its own login. */
	static String projectUrl(String serviceUrl) {
		int query = serviceUrl.indexOf('?');
		if (query < 0) {
			return serviceUrl;
		}
		StringBuilder url = new StringBuilder(serviceUrl.substring(0, query));
		char separator = '?';
		for (String parameter : serviceUrl.substring(query + 1).split("&")) {
			if (!parameter.isEmpty() && !OWN_SETTINGS.matcher(parameter).matches()) {
				url.append(separator).append(parameter);
				separator = '&';
			}
		}
		return url.toString();
	}

}
