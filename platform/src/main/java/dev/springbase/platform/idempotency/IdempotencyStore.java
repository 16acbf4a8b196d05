package dev.springbase.platform.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stored answers to idempotent requests, in the service's own schema:
 *
 * <pre>
 * create table idempotency_requests (
 *     scope text not null, idempotency_key text not null, request_hash text not null,
 *     status integer, content_type text, location text, body bytea,
 *     created_at timestamptz not null default now(),
 *     primary key (scope, idempotency_key));
 * create index idempotency_requests_created_at on idempotency_requests (created_at);
 * </pre>
 *
 * A row without status is a request still in progress.
 */
class IdempotencyStore {

	private final JdbcClient jdbc;

	IdempotencyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Claims the key; false when another request holds or held it. */
	boolean claim(String scope, String key, String requestHash) {
		return this.jdbc.sql("""
				insert into idempotency_requests (scope, idempotency_key, request_hash)
				values (:scope, :key, :hash) on conflict do nothing""")
			.param("scope", scope)
			.param("key", key)
			.param("hash", requestHash)
			.update() == 1;
	}

	Optional<StoredRequest> find(String scope, String key) {
		return this.jdbc.sql("""
				select request_hash, status, content_type, location, body from idempotency_requests
				where scope = :scope and idempotency_key = :key""")
			.param("scope", scope)
			.param("key", key)
			.query((rs, row) -> new StoredRequest(rs.getString("request_hash"), (Integer) rs.getObject("status"),
					rs.getString("content_type"), rs.getString("location"), rs.getBytes("body")))
			.optional();
	}

	void complete(String scope, String key, int status, @Nullable String contentType, @Nullable String location,
			byte[] body) {
		this.jdbc.sql("""
				update idempotency_requests set status = :status, content_type = :contentType,
				location = :location, body = :body where scope = :scope and idempotency_key = :key""")
			.param("status", status)
			.param("contentType", contentType)
			.param("location", location)
			.param("body", body)
			.param("scope", scope)
			.param("key", key)
			.update();
	}

	void release(String scope, String key) {
		this.jdbc.sql("delete from idempotency_requests where scope = :scope and idempotency_key = :key")
			.param("scope", scope)
			.param("key", key)
			.update();
	}

	int pruneOlderThan(Duration retention) {
		return this.jdbc.sql("delete from idempotency_requests where created_at < :before")
			.param("before", java.sql.Timestamp.from(Instant.now().minus(retention)))
			.update();
	}

	record StoredRequest(String requestHash, @Nullable Integer status, @Nullable String contentType,
			@Nullable String location, byte @Nullable [] body) {

		boolean inProgress() {
			return this.status == null;
		}

	}

}
