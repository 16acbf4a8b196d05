package dev.springbase.platform.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The outbox table of this service. */
class Outbox {

	private final JdbcClient jdbc;

	private final EventsSchema schema;

	Outbox(JdbcClient jdbc, EventsSchema schema) {
		this.jdbc = jdbc;
		this.schema = schema;
	}

	void insert(UUID id, String type, String payload) {
		this.jdbc.sql("insert into " + this.schema.outbox() + " (id, type, payload) values (?, ?, ?)")
			.params(id, type, payload)
			.update();
	}

	/**
	 * Takes the relay lock of this service for the current transaction: one instance
	 * relays at a time, the others skip instead of queueing behind it.
	 */
	boolean tryLockRelay() {
		return Boolean.TRUE.equals(this.jdbc.sql("select pg_try_advisory_xact_lock(hashtextextended(?, 0))")
			.param("springbase.events.relay:" + this.schema.schema())
			.query(Boolean.class)
			.single());
	}

	/**
	 * Committed rows not yet sent, in insert order. A transaction that emits an event
	 * after seeing another's change inserts it after that change's event was inserted, so
	 * insert order keeps every event behind the events it may depend on. Rows of
	 * transactions still running are invisible and follow once they commit, in commit
	 * order; nothing waits for unrelated transactions to end.
	 */
	List<OutboxEvent> relayable(int limit) {
		return this.jdbc
			.sql("select position, id, type, payload from " + this.schema.outbox()
					+ " where sent_at is null order by position limit ?")
			.param(limit)
			.query((rs, row) -> new OutboxEvent(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4)))
			.list();
	}

	void markSent(List<OutboxEvent> events) {
		Long[] positions = events.stream().map(OutboxEvent::position).toArray(Long[]::new);
		this.jdbc.sql("update " + this.schema.outbox() + " set sent_at = now() where position = any(?)")
			.param(positions)
			.update();
	}

	/** How many rows wait and how long the oldest has waited. */
	Backlog backlog() {
		return this.jdbc
			.sql("select count(*), coalesce(extract(epoch from clock_timestamp() - min(created_at)), 0) from "
					+ this.schema.outbox() + " where sent_at is null")
			.query((rs, row) -> new Backlog(rs.getLong(1), rs.getDouble(2)))
			.single();
	}

	int pruneSentBefore(Instant before, int limit) {
		return this.jdbc
			.sql("delete from " + this.schema.outbox() + " where position in (select position from "
					+ this.schema.outbox() + " where sent_at < ? limit ?)")
			.params(Timestamp.from(before), limit)
			.update();
	}

	record Backlog(long depth, double lagSeconds) {

	}

}
