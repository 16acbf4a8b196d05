package dev.springbase.auth;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records the SQL statements and commits of the requests the service serves, for tests
 * that hold a hot path to its statements. Only threads serving a request record, so
 * schedules and the outbox relay running meanwhile do not count. Register it as a bean
 * and its {@link #filter()} as a filter bean.
 */
class RequestStatements implements BeanPostProcessor {

	private static final Pattern TABLE = Pattern.compile("\\b(?:from|into|update)\\s+([\\w.]+)");

	private static final ThreadLocal<Boolean> SERVING = ThreadLocal.withInitial(() -> false);

	private final List<String> statements = new CopyOnWriteArrayList<>();

	private final List<String> commits = new CopyOnWriteArrayList<>();

	/** Starts over; what the requests after this call run is recorded. */
	void clear() {
		this.statements.clear();
		this.commits.clear();
	}

	/**
	 * The statements run, each as its verb and the table it names first, such as
	 * {@code select users} or {@code insert refresh_tokens}.
	 */
	List<String> statements() {
		return this.statements.stream().map(RequestStatements::summary).toList();
	}

	/** The statements in full, for failure messages. */
	List<String> sql() {
		return List.copyOf(this.statements);
	}

	/** Commits: explicit ones, and statements that ran in auto-commit mode. */
	int commits() {
		return this.commits.size();
	}

	OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				SERVING.set(true);
				try {
					chain.doFilter(request, response);
				}
				finally {
					SERVING.remove();
				}
			}

		};
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof Recording)) {
			return new Recording(dataSource);
		}
		return bean;
	}

	private static String summary(String sql) {
		String normalized = sql.strip().toLowerCase(Locale.ROOT);
		String verb = normalized.split("\\s+", 2)[0];
		Matcher table = TABLE.matcher(normalized);
		return table.find() ? verb + " " + table.group(1) : verb;
	}

	private void recordStatement(String sql, Connection connection) throws SQLException {
		if (SERVING.get()) {
			this.statements.add(sql);
			if (connection.getAutoCommit()) {
				this.commits.add(sql);
			}
		}
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private final class Recording extends DelegatingDataSource {

		Recording(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return connection(super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return connection(super.getConnection(username, password));
		}

		private Connection connection(Connection target) {
			InvocationHandler handler = (proxy, method, args) -> {
				Object result = invoke(target, method, args);
				if (method.getName().equals("commit") && SERVING.get()) {
					RequestStatements.this.commits.add("commit");
				}
				if (result instanceof Statement statement) {
					String prepared = (args != null && args[0] instanceof String sql) ? sql : null;
					return statement(statement, method.getReturnType(), prepared, target);
				}
				return result;
			};
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					handler);
		}

		/**
		 * A statement, recorded each time it runs, with the SQL it was prepared with or
		 * is given to run.
		 */
		private Statement statement(Statement target, Class<?> type, @Nullable String prepared, Connection connection) {
			InvocationHandler handler = (proxy, method, args) -> {
				if (method.getName().startsWith("execute")) {
					String sql = (args != null && args[0] instanceof String given) ? given : prepared;
					recordStatement(String.valueOf(sql), connection);
				}
				return invoke(target, method, args);
			};
			return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type }, handler);
		}

	}

}
