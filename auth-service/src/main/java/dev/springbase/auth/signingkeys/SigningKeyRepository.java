package dev.springbase.auth.signingkeys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.platform.web.PageRequest;

@Repository
class SigningKeyRepository {

	private static final String COLUMNS = "kid, public_jwk, private_jwk_ciphertext, created_at, retired_at";

	private final JdbcClient jdbc;

	SigningKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serialises key changes across instances until the transaction ends, so that two
	 * instances never both create the first key or both rotate.
	 */
	void lockForChange() {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtext('auth.signing_keys'))").query().listOfRows();
	}

	Optional<StoredSigningKey> findActive() {
		return this.jdbc.sql("select " + COLUMNS + " from signing_keys where retired_at is null")
			.query(SigningKeyRepository::map)
			.optional();
	}

	/** The active key and those retired after {@code retiredAfter}. */
	List<StoredSigningKey> findVerifying(Instant retiredAfter) {
		return this.jdbc
			.sql("select " + COLUMNS
					+ " from signing_keys where retired_at is null or retired_at > :after order by kid")
			.param("after", Timestamps.toSql(retiredAfter))
			.query(SigningKeyRepository::map)
			.list();
	}

	List<StoredSigningKey> page(PageRequest page) {
		return this.jdbc.sql("""
				select %s from signing_keys where (cast(:after as text) is null or kid > cast(:after as text))
				order by kid limit :limit""".formatted(COLUMNS))
			.param("after", (page.after() != null) ? page.after().toString() : null)
			.param("limit", page.fetchSize())
			.query(SigningKeyRepository::map)
			.list();
	}

	void retireActive(Instant at) {
		this.jdbc.sql("update signing_keys set retired_at = :at where retired_at is null")
			.param("at", Timestamps.toSql(at))
			.update();
	}

	void insert(StoredSigningKey key) {
		this.jdbc.sql("""
				insert into signing_keys (kid, public_jwk, private_jwk_ciphertext, created_at)
				values (:kid, :publicJwk, :ciphertext, :createdAt)""")
			.param("kid", key.kid())
			.param("publicJwk", key.publicJwk())
			.param("ciphertext", key.privateJwkCiphertext())
			.param("createdAt", Timestamps.toSql(key.createdAt()))
			.update();
	}

	private static StoredSigningKey map(ResultSet rs, int row) throws SQLException {
		return new StoredSigningKey(rs.getString("kid"), rs.getString("public_jwk"),
				rs.getBytes("private_jwk_ciphertext"), Timestamps.readRequired(rs, "created_at"),
				Timestamps.read(rs, "retired_at"));
	}

}
