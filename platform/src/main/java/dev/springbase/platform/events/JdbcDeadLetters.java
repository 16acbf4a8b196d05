package dev.springbase.platform.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

/**
 * Dead letters in a table: {@code eventbus.dead_letters} for the PostgreSQL transport,
 * the service's {@code event_dead_letters} for RabbitMQ. The transport says how a
 * replayed event is delivered again.
 */
class JdbcDeadLetters implements DeadLetters {

	private static final String COLUMNS = "id, subscription, event_id, type, source, subject, project, attempts, last_error, dead_at";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final String table;

	private final JsonMapper json;

	private final Redelivery redelivery;

	JdbcDeadLetters(JdbcClient jdbc, TransactionTemplate transactions, String table, JsonMapper json,
			Redelivery redelivery) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.table = table;
		this.json = json;
		this.redelivery = redelivery;
	}

	/**
	 * Records a dead letter in the current transaction. A second record of the same event
	 * and subscription (after a redelivery) is ignored.
	 */
	void add(String subscription, CloudEvent event, String payload, int attempts, String lastError) {
		this.jdbc
			.sql("insert into " + this.table
					+ " (id, subscription, event_id, type, source, subject, project, attempts, last_error, payload)"
					+ " select ?, ?, ?::uuid, ?, ?, ?, ?::uuid, ?, ?, ? where not exists (select 1 from " + this.table
					+ " where subscription = ? and event_id = ?::uuid)")
			.params(Ids.newId(), subscription, event.getId(), event.getType(), event.getSource().toString(),
					event.getSubject(), projectOf(event), attempts, truncate(lastError), payload, subscription,
					event.getId())
			.update();
	}

	/** Forgets the dead letters of a subscription that is gone. */
	void deleteAll(String subscription) {
		this.jdbc.sql("delete from " + this.table + " where subscription = ?").param(subscription).update();
	}

	@Override
	public CursorPage<DeadLetter> list(PageRequest page, @Nullable UUID project, @Nullable String subscription) {
		StringBuilder sql = new StringBuilder("select " + COLUMNS + " from " + this.table + " where true");
		List<Object> params = new ArrayList<>();
		if (page.after() != null) {
			sql.append(" and id > ?");
			params.add(page.after());
		}
		if (project != null) {
			sql.append(" and project = ?");
			params.add(project);
		}
		if (subscription != null) {
			sql.append(" and subscription = ?");
			params.add(subscription);
		}
		sql.append(" order by id limit ?");
		params.add(page.fetchSize());
		List<DeadLetter> rows = this.jdbc.sql(sql.toString()).params(params).query((rs, row) -> map(rs, null)).list();
		return CursorPage.of(rows, page.limit(), (letter) -> PageRequest.cursorOf(letter.id()));
	}

	@Override
	public Optional<DeadLetter> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + ", payload from " + this.table + " where id = ?")
			.param(id)
			.query((rs, row) -> map(rs, rs.getString("payload")))
			.optional();
	}

	@Override
	public DeadLetter replay(UUID id) {
		return this.transactions.execute((status) -> {
			Stored stored = this.jdbc
				.sql("delete from " + this.table + " where id = ? returning " + COLUMNS + ", payload")
				.param(id)
				.query((rs, row) -> new Stored(map(rs, null), rs.getString("payload")))
				.optional()
				.orElseThrow(() -> EventsErrors.deadLetterNotFound(id));
			this.redelivery.redeliver(stored.deadLetter(), stored.payload());
			return stored.deadLetter();
		});
	}

	private DeadLetter map(ResultSet rs, @Nullable String payload) throws SQLException {
		Timestamp deadAt = rs.getTimestamp("dead_at");
		return new DeadLetter(rs.getObject("id", UUID.class), rs.getString("subscription"),
				rs.getObject("event_id", UUID.class), rs.getString("type"), rs.getString("source"),
				rs.getString("subject"), rs.getObject("project", UUID.class), rs.getInt("attempts"),
				rs.getString("last_error"), deadAt.toInstant(), (payload != null) ? this.json.readTree(payload) : null);
	}

	private static @Nullable String projectOf(CloudEvent event) {
		Object project = event.getExtension(CloudEventJson.PROJECT);
		if (project == null) {
			return null;
		}
		try {
			return UUID.fromString(project.toString()).toString();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String truncate(String error) {
		return (error.length() > 2000) ? error.substring(0, 2000) : error;
	}

	/** Delivers a replayed event again; runs in the transaction that removes it. */
	@FunctionalInterface
	interface Redelivery {

		void redeliver(DeadLetter deadLetter, String payload);

	}

	private record Stored(DeadLetter deadLetter, String payload) {

	}

}
