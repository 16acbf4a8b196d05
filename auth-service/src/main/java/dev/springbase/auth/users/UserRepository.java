package dev.springbase.auth.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.platform.web.PageRequest;

@Repository
class UserRepository {

	private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
	};

	/**
	 * Users with the email change each has pending: the newest request with a token still
	 * unused and unexpired, made from the address the user still has (one made from
	 * another can no longer apply). A change's unused tokens are the halves it still
	 * waits for; a new request uses up every token of the one before, so only the newest
	 * has any left, but for two requests made at once, of which the newest counts. Read
	 * by the index on the user's unused tokens.
	 */
	private static final String WITH_EMAIL_CHANGE = """
			select u.*, c.email_change_to, c.requested_at, c.awaiting
			from users u left join lateral (
			  select t.email_change_to, max(t.created_at) as requested_at, array_agg(t.purpose) as awaiting
			  from one_time_tokens t
			  where t.user_id = u.id and t.purpose in (:purposes) and t.used_at is null and t.expires_at > :now
			    and t.email_change_from is not distinct from u.email
			  group by t.email_change_id, t.email_change_to
			  order by requested_at desc limit 1
			) c on true
			""";

	private static final List<String> EMAIL_CHANGE_PURPOSES = Purpose.EMAIL_CHANGES.stream()
		.map(Purpose::value)
		.toList();

	private final JdbcClient jdbc;

	private final JsonMapper json;

	UserRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Inserts the user; false when the email is taken in the project. */
	boolean insert(User user) {
		return this.jdbc.sql("""
				insert into users (id, project_id, email, password_hash, anonymous, email_confirmed_at,
				  user_metadata, app_metadata, banned_until, created_at, updated_at)
				values (:id, :projectId, :email, :passwordHash, :anonymous, :emailConfirmedAt,
				  cast(:userMetadata as jsonb), cast(:appMetadata as jsonb), :bannedUntil, :createdAt, :updatedAt)
				on conflict (project_id, email) do nothing""")
			.param("id", user.id())
			.param("projectId", user.projectId())
			.param("email", user.email())
			.param("passwordHash", user.passwordHash())
			.param("anonymous", user.anonymous())
			.param("emailConfirmedAt", Timestamps.toSql(user.emailConfirmedAt()))
			.param("userMetadata", this.json.writeValueAsString(user.userMetadata()))
			.param("appMetadata", this.json.writeValueAsString(user.appMetadata()))
			.param("bannedUntil", Timestamps.toSql(user.bannedUntil()))
			.param("createdAt", Timestamps.toSql(user.createdAt()))
			.param("updatedAt", Timestamps.toSql(user.updatedAt()))
			.update() == 1;
	}

	/**
	 * Writes every changeable field.
	 * @return false when the new email is taken in the project
	 */
	boolean update(User user) {
		try {
			this.jdbc.sql("""
					update users set email = :email, password_hash = :passwordHash, anonymous = :anonymous,
					  email_confirmed_at = :emailConfirmedAt, user_metadata = cast(:userMetadata as jsonb),
					  app_metadata = cast(:appMetadata as jsonb), banned_until = :bannedUntil, updated_at = :updatedAt
					where id = :id""")
				.param("id", user.id())
				.param("email", user.email())
				.param("passwordHash", user.passwordHash())
				.param("anonymous", user.anonymous())
				.param("emailConfirmedAt", Timestamps.toSql(user.emailConfirmedAt()))
				.param("userMetadata", this.json.writeValueAsString(user.userMetadata()))
				.param("appMetadata", this.json.writeValueAsString(user.appMetadata()))
				.param("bannedUntil", Timestamps.toSql(user.bannedUntil()))
				.param("updatedAt", Timestamps.toSql(user.updatedAt()))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Swaps in a new hash only if the stored one is still the one that was checked. */
	void upgradePasswordHash(UUID id, String oldHash, String newHash) {
		this.jdbc.sql("update users set password_hash = :newHash where id = :id and password_hash = :oldHash")
			.param("id", id)
			.param("oldHash", oldHash)
			.param("newHash", newHash)
			.update();
	}

	void recordSignIn(UUID id, Instant when) {
		this.jdbc.sql("update users set last_sign_in_at = :when where id = :id")
			.param("id", id)
			.param("when", Timestamps.toSql(when))
			.update();
	}

	Optional<User> findByEmail(UUID projectId, String email) {
		return this.jdbc.sql("select * from users where project_id = :projectId and email = :email")
			.param("projectId", projectId)
			.param("email", email)
			.query(this::map)
			.optional();
	}

	/** The user with the address, and its pending email change, in one read. */
	Optional<UserWithEmailChange> findByEmailWithEmailChange(UUID projectId, String email, Instant now) {
		return selectWithEmailChange("where u.project_id = :projectId and u.email = :email", now)
			.param("projectId", projectId)
			.param("email", email)
			.query(this::mapWithEmailChange)
			.optional();
	}

	/** The user and its pending email change, in one read. */
	Optional<UserWithEmailChange> findWithEmailChange(UUID projectId, UUID id, Instant now) {
		return selectWithEmailChange("where u.project_id = :projectId and u.id = :id", now)
			.param("projectId", projectId)
			.param("id", id)
			.query(this::mapWithEmailChange)
			.optional();
	}

	Optional<User> find(UUID projectId, UUID id) {
		return find(projectId, id, "");
	}

	/**
	 * The user, its row locked until the transaction ends: what a change that writes the
	 * whole row reads, so that it cannot undo a change committed since another read.
	 */
	Optional<User> findForUpdate(UUID projectId, UUID id) {
		return find(projectId, id, " for update");
	}

	private Optional<User> find(UUID projectId, UUID id, String lock) {
		return this.jdbc.sql("select * from users where project_id = :projectId and id = :id" + lock)
			.param("projectId", projectId)
			.param("id", id)
			.query(this::map)
			.optional();
	}

	Optional<User> findById(UUID id) {
		return this.jdbc.sql("select * from users where id = :id").param("id", id).query(this::map).optional();
	}

	/**
	 * The user as stored now, with its pending email change, in the transaction that may
	 * just have written it; the given user without a change when it is gone.
	 */
	UserWithEmailChange withEmailChange(User user) {
		return findWithEmailChange(user.projectId(), user.id(), Timestamps.now())
			.orElseGet(() -> new UserWithEmailChange(user, null));
	}

	/**
	 * A page of the project's users with their pending email changes, optionally those
	 * whose email starts with a prefix.
	 */
	List<UserWithEmailChange> page(UUID projectId, @Nullable String emailPrefix, PageRequest page, Instant now) {
		return selectWithEmailChange("""
				where u.project_id = :projectId
				  and (cast(:pattern as text) is null or u.email like cast(:pattern as text))
				  and (cast(:after as uuid) is null or u.id > cast(:after as uuid))
				order by u.id limit :limit""", now).param("projectId", projectId)
			.param("pattern", (emailPrefix != null) ? likeEscape(emailPrefix) + "%" : null)
			.param("after", page.after())
			.param("limit", page.fetchSize())
			.query(this::mapWithEmailChange)
			.list();
	}

	boolean delete(UUID projectId, UUID id) {
		return this.jdbc.sql("delete from users where project_id = :projectId and id = :id")
			.param("projectId", projectId)
			.param("id", id)
			.update() == 1;
	}

	private static String likeEscape(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/** The users the condition selects, each with its pending email change as of now. */
	private JdbcClient.StatementSpec selectWithEmailChange(String condition, Instant now) {
		return this.jdbc.sql(WITH_EMAIL_CHANGE + condition)
			.param("purposes", EMAIL_CHANGE_PURPOSES)
			.param("now", Timestamps.toSql(now));
	}

	private UserWithEmailChange mapWithEmailChange(ResultSet rs, int row) throws SQLException {
		return new UserWithEmailChange(map(rs, row), PendingEmailChange.read(rs));
	}

	private User map(ResultSet rs, int row) throws SQLException {
		return new User(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class), rs.getString("email"),
				rs.getString("password_hash"), rs.getBoolean("anonymous"), Timestamps.read(rs, "email_confirmed_at"),
				this.json.readValue(rs.getString("user_metadata"), JSON_OBJECT),
				this.json.readValue(rs.getString("app_metadata"), JSON_OBJECT), Timestamps.read(rs, "banned_until"),
				Timestamps.read(rs, "last_sign_in_at"), Timestamps.readRequired(rs, "created_at"),
				Timestamps.readRequired(rs, "updated_at"));
	}

}
