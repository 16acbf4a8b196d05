package dev.springbase.functions.invocations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.functions.workers.DeployedFunction;
import dev.springbase.functions.workers.InvocationOutcome;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.web.PageRequest;

@Repository
class InvocationRepository {

	private static final String COLUMNS = """
			id, function_name, trigger, status, cold, started_at, duration_ms, error_code, error_type, error_message,
			logs, logs_truncated, output_content_type, created_at, caller_kind, caller_subject, trigger_id, event_id""";

	private static final TypeReference<List<String>> LINES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	InvocationRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Turns off the wait for the WAL flush at the commit of the statement that names it
	 * after {@code with}, which autocommits alone: one round trip per write. These writes
	 * lie on the path of the caller's answer, where a flush of the WAL cost more than the
	 * rest of a warm invocation; a crash of PostgreSQL itself may lose the records of its
	 * last fraction of a second, never corrupt anything, and what others read is the same
	 * as with a flushed commit.
	 */
	private static final String UNFLUSHED = "unflushed as (select set_config('synchronous_commit', 'off', true))";

	void insertQueued(UUID id, DeployedFunction function, String trigger, @Nullable Caller caller,
			@Nullable UUID triggerId, @Nullable UUID eventId) {
		this.jdbc.sql("""
				with %s
				insert into invocations (id, project_id, function_id, function_name, version_id, trigger, caller_kind,
				caller_subject, trigger_id, event_id, status, created_at)
				select :id, :project, :function, :name, :version, :trigger, :callerKind, :callerSubject, :triggerId,
				:eventId, 'queued', :now from unflushed""".formatted(UNFLUSHED))
			.param("id", id)
			.param("project", function.projectId())
			.param("function", function.id())
			.param("name", function.name())
			.param("version", function.versionId())
			.param("trigger", trigger)
			.param("callerKind", (caller != null) ? caller.kind().claimValue() : null)
			.param("callerSubject", (caller != null) ? caller.subject() : null)
			.param("triggerId", triggerId)
			.param("eventId", eventId)
			.param("now", Timestamps.toSql(Timestamps.now()))
			.update();
	}

	void markRunning(UUID id, UUID workerId, boolean cold, Instant startedAt) {
		this.jdbc.sql("""
				with %s
				update invocations set status = 'running', worker_id = :worker, cold = :cold, started_at = :started
				from unflushed where id = :id and status = 'queued'""".formatted(UNFLUSHED))
			.param("id", id)
			.param("worker", workerId)
			.param("cold", cold)
			.param("started", Timestamps.toSql(startedAt))
			.update();
	}

	void finish(UUID id, InvocationOutcome outcome, boolean keepOutput) {
		this.jdbc
			.sql("""
					with %s
					update invocations set status = :status, cold = :cold, worker_id = :worker, started_at = :started,
					duration_ms = :duration, error_code = :errorCode, error_type = :errorType, error_message = :message,
					logs = cast(:logs as jsonb), logs_truncated = :truncated, output = :output, output_content_type = :contentType
					from unflushed where id = :id"""
				.formatted(UNFLUSHED))
			.param("id", id)
			.param("status", outcome.status().word())
			.param("cold", outcome.cold())
			.param("worker", outcome.workerId())
			.param("started", (outcome.startedAt() != null) ? Timestamps.toSql(outcome.startedAt()) : null)
			.param("duration", (outcome.duration() != null) ? outcome.duration().toMillis() : null)
			.param("errorCode", outcome.errorCode())
			.param("errorType", outcome.errorType())
			.param("message", outcome.errorMessage())
			.param("logs", this.json.writeValueAsString(outcome.logs()))
			.param("truncated", outcome.logsTruncated())
			.param("output", keepOutput ? outcome.output() : null)
			.param("contentType", keepOutput ? outcome.contentType() : null)
			.update();
	}

	Optional<InvocationRecord> find(UUID projectId, UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from invocations where project_id = :project and id = :id")
			.param("project", projectId)
			.param("id", id)
			.query(this::map)
			.optional();
	}

	Optional<byte[]> output(UUID projectId, UUID id) {
		return this.jdbc
			.sql("select output from invocations where project_id = :project and id = :id and output is not null")
			.param("project", projectId)
			.param("id", id)
			.query(byte[].class)
			.optional();
	}

	/** Whether the trigger's function already ran successfully for the event. */
	boolean succeeded(UUID triggerId, UUID eventId) {
		return this.jdbc.sql("""
				select exists (select 1 from invocations
				where event_id = :event and trigger_id = :trigger and status = 'succeeded')""")
			.param("event", eventId)
			.param("trigger", triggerId)
			.query(Boolean.class)
			.single();
	}

	/** Newest first, optionally of one function or trigger and in one status. */
	List<InvocationRecord> page(UUID projectId, @Nullable String function, @Nullable UUID triggerId,
			@Nullable String status, PageRequest page) {
		return this.jdbc.sql("""
				select %s from invocations
				where project_id = :project
				and (cast(:function as text) is null or function_name = cast(:function as text))
				and (cast(:trigger as uuid) is null or trigger_id = cast(:trigger as uuid))
				and (cast(:status as text) is null or status = cast(:status as text))
				and (cast(:after as uuid) is null or id < cast(:after as uuid))
				order by id desc limit :limit""".formatted(COLUMNS))
			.param("project", projectId)
			.param("function", function)
			.param("trigger", triggerId)
			.param("status", status)
			.param("after", page.after())
			.param("limit", page.fetchSize())
			.query(this::map)
			.list();
	}

	private InvocationRecord map(ResultSet rs, int row) throws SQLException {
		OffsetDateTime started = rs.getObject("started_at", OffsetDateTime.class);
		return new InvocationRecord(rs.getObject("id", UUID.class), rs.getString("function_name"),
				rs.getString("trigger"), rs.getString("status"), rs.getObject("cold", Boolean.class),
				(started != null) ? started.toInstant() : null, rs.getObject("duration_ms", Long.class),
				rs.getString("error_code"), rs.getString("error_type"), rs.getString("error_message"),
				this.json.readValue(rs.getString("logs"), LINES), rs.getBoolean("logs_truncated"),
				rs.getString("output_content_type"), Timestamps.readRequired(rs, "created_at"),
				rs.getString("caller_kind"), rs.getString("caller_subject"), rs.getObject("trigger_id", UUID.class),
				rs.getObject("event_id", UUID.class));
	}

}
