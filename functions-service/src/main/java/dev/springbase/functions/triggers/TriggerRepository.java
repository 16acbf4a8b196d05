package dev.springbase.functions.triggers;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.jdbc.Timestamps;

@Repository
class TriggerRepository {

	private static final String COLUMNS = """
			id, project_id, function_id, kind, events, bucket, key_prefix, key_suffix, table_name, cron, time_zone,
			next_fire_at, created_at""";

	private final JdbcClient jdbc;

	TriggerRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Trigger trigger) {
		this.jdbc.sql("""
				insert into triggers (%s)
				values (:id, :project, :function, :kind, cast(:events as text[]), :bucket, :prefix, :suffix, :table,
				:cron, :zone, :next, :created)""".formatted(COLUMNS))
			.param("id", trigger.id())
			.param("project", trigger.projectId())
			.param("function", trigger.functionId())
			.param("kind", trigger.kind().word())
			.param("events", trigger.events().toArray(String[]::new))
			.param("bucket", trigger.bucket())
			.param("prefix", trigger.prefix())
			.param("suffix", trigger.suffix())
			.param("table", trigger.table())
			.param("cron", trigger.cron())
			.param("zone", trigger.timeZone())
			.param("next", Timestamps.toSql(trigger.nextFireAt()))
			.param("created", Timestamps.toSql(trigger.createdAt()))
			.update();
	}

	List<Trigger> ofFunction(UUID functionId) {
		return this.jdbc.sql("select " + COLUMNS + " from triggers where function_id = :function order by id")
			.param("function", functionId)
			.query(TriggerRepository::map)
			.list();
	}

	int countOfFunction(UUID functionId) {
		return this.jdbc.sql("select count(*) from triggers where function_id = :function")
			.param("function", functionId)
			.query(Integer.class)
			.single();
	}

	Optional<Trigger> find(UUID functionId, UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from triggers where function_id = :function and id = :id")
			.param("function", functionId)
			.param("id", id)
			.query(TriggerRepository::map)
			.optional();
	}

	/** Every trigger, for the subscriptions each instance consumes. */
	List<Trigger> all() {
		return this.jdbc.sql("select " + COLUMNS + " from triggers").query(TriggerRepository::map).list();
	}

	/** The name of the trigger's function, or empty when the trigger is gone. */
	Optional<String> functionNameOf(UUID triggerId) {
		return this.jdbc.sql("select f.name from triggers t join functions f on f.id = t.function_id where t.id = :id")
			.param("id", triggerId)
			.query(String.class)
			.optional();
	}

	/**
	 * Deletes the trigger and, in the same statement, notes that its subscription is to
	 * be removed from the event backbone.
	 */
	void delete(UUID id) {
		this.jdbc.sql("""
				with gone as (delete from triggers where id = :id returning id)
				insert into retired_trigger_subscriptions (trigger_id) select id from gone on conflict do nothing""")
			.param("id", id)
			.update();
	}

	/** Deleted triggers whose subscriptions may still exist. */
	List<UUID> retiredSubscriptions() {
		return this.jdbc.sql("select trigger_id from retired_trigger_subscriptions order by trigger_id")
			.query(UUID.class)
			.list();
	}

	/** The trigger's subscription is gone from the event backbone. */
	void subscriptionRemoved(UUID triggerId) {
		this.jdbc.sql("delete from retired_trigger_subscriptions where trigger_id = :id")
			.param("id", triggerId)
			.update();
	}

	/**
	 * Serialises the changes to the database triggers of one table of a project until the
	 * transaction ends, so watching and unwatching it follow who binds to it.
	 */
	void lockTable(UUID projectId, String table) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "functions.table-watch:" + projectId + ":" + table)
			.query((rs, row) -> true)
			.list();
	}

	boolean tableStillWatched(UUID projectId, String table) {
		return this.jdbc.sql("""
				select exists (select 1 from triggers
				where project_id = :project and kind = 'database' and table_name = :table)""")
			.param("project", projectId)
			.param("table", table)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Locks schedule triggers that are due, skipping those another scheduler holds, so
	 * each tick is claimed by one instance.
	 */
	List<Trigger> claimDue(Instant now, int limit) {
		return this.jdbc.sql("""
				select %s from triggers
				where kind = 'schedule' and next_fire_at <= :now
				order by next_fire_at limit :limit
				for update skip locked""".formatted(COLUMNS))
			.param("now", Timestamps.toSql(now))
			.param("limit", limit)
			.query(TriggerRepository::map)
			.list();
	}

	void setNextFireAt(UUID id, @Nullable Instant next) {
		this.jdbc.sql("update triggers set next_fire_at = :next where id = :id")
			.param("id", id)
			.param("next", Timestamps.toSql(next))
			.update();
	}

	/** The database's clock, the one every instance shares. */
	Instant now() {
		return this.jdbc.sql("select clock_timestamp()")
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.single();
	}

	private static Trigger map(ResultSet rs, int row) throws SQLException {
		Array events = rs.getArray("events");
		return new Trigger(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
				rs.getObject("function_id", UUID.class), TriggerKind.of(rs.getString("kind")).orElseThrow(),
				List.of((String[]) events.getArray()), rs.getString("bucket"), rs.getString("key_prefix"),
				rs.getString("key_suffix"), rs.getString("table_name"), rs.getString("cron"), rs.getString("time_zone"),
				Timestamps.read(rs, "next_fire_at"), Timestamps.readRequired(rs, "created_at"));
	}

}
