package dev.springbase.auth.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.jdbc.Timestamps;

@Repository
class AccountRepository {

	private final JdbcClient jdbc;

	AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serialises the first-start bootstrap across instances until the transaction ends.
	 */
	void lockBootstrap() {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtext('auth.accounts.bootstrap'))").query().listOfRows();
	}

	boolean any() {
		return this.jdbc.sql("select exists (select 1 from accounts)").query(Boolean.class).single();
	}

	/** Inserts the account; false when the email is taken. */
	boolean insert(Account account) {
		return this.jdbc.sql("""
				insert into accounts (id, email, password_hash, admin, created_at)
				values (:id, :email, :hash, :admin, :createdAt) on conflict (email) do nothing""")
			.param("id", account.id())
			.param("email", account.email())
			.param("hash", account.passwordHash())
			.param("admin", account.admin())
			.param("createdAt", Timestamps.toSql(account.createdAt()))
			.update() == 1;
	}

	Optional<Account> findByEmail(String email) {
		return this.jdbc.sql("select * from accounts where email = :email")
			.param("email", email)
			.query(AccountRepository::map)
			.optional();
	}

	Optional<Account> findById(UUID id) {
		return this.jdbc.sql("select * from accounts where id = :id")
			.param("id", id)
			.query(AccountRepository::map)
			.optional();
	}

	private static Account map(ResultSet rs, int row) throws SQLException {
		return new Account(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("password_hash"),
				rs.getBoolean("admin"), Timestamps.readRequired(rs, "created_at"));
	}

}
