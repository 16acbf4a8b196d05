package dev.springbase.storage.buckets;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.web.PageRequest;
import dev.springbase.storage.access.AccessRules;
import dev.springbase.platform.jdbc.Timestamps;

@Repository
class BucketRepository {

	private static final String COLUMNS = """
			id, project_id, name, public, max_object_size, allowed_mime_types, authenticated_read,
			authenticated_write, created_at, updated_at""";

	private final JdbcClient jdbc;

	BucketRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts the bucket; false when its name is taken in the project. */
	boolean insert(Bucket bucket) {
		try {
			this.jdbc.sql("""
					insert into buckets (%s)
					values (:id, :project, :name, :public, :maxSize, cast(:types as text[]), :read, :write, :created,
					:updated)""".formatted(COLUMNS)).paramSource(params(bucket)).update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	void update(Bucket bucket) {
		this.jdbc.sql("""
				update buckets set public = :public, max_object_size = :maxSize,
				allowed_mime_types = cast(:types as text[]), authenticated_read = :read, authenticated_write = :write,
				updated_at = :updated
				where id = :id""").paramSource(params(bucket)).update();
	}

	Optional<Bucket> find(UUID projectId, String name) {
		return this.jdbc.sql("select " + COLUMNS + " from buckets where project_id = :project and name = :name")
			.param("project", projectId)
			.param("name", name)
			.query(BucketRepository::map)
			.optional();
	}

	List<Bucket> page(UUID projectId, PageRequest page) {
		return this.jdbc.sql("""
				select %s from buckets
				where project_id = :project and (cast(:after as uuid) is null or id > cast(:after as uuid))
				order by id limit :limit""".formatted(COLUMNS))
			.param("project", projectId)
			.param("after", page.after())
			.param("limit", page.fetchSize())
			.query(BucketRepository::map)
			.list();
	}

	boolean hasObjects(UUID bucketId) {
		return this.jdbc.sql("select exists (select 1 from objects where bucket_id = :bucket)")
			.param("bucket", bucketId)
			.query(Boolean.class)
			.single();
	}

	void delete(UUID bucketId) {
		this.jdbc.sql("delete from buckets where id = :id").param("id", bucketId).update();
	}

	private static MapSqlParameterSource params(Bucket bucket) {
		return new MapSqlParameterSource().addValue("id", bucket.id())
			.addValue("project", bucket.projectId())
			.addValue("name", bucket.name())
			.addValue("public", bucket.isPublic())
			.addValue("maxSize", bucket.maxObjectSize())
			.addValue("types", toArrayLiteral(bucket.allowedMimeTypes()))
			.addValue("read", bucket.accessRules().authenticatedRead().value())
			.addValue("write", bucket.accessRules().authenticatedWrite().value())
			.addValue("created", Timestamps.toSql(bucket.createdAt()))
			.addValue("updated", Timestamps.toSql(bucket.updatedAt()));
	}

	/**
	 * MIME types hold no quotes, commas or braces (they are validated), so this is safe.
	 */
	private static String toArrayLiteral(List<String> values) {
		return "{" + String.join(",", values) + "}";
	}

	private static Bucket map(ResultSet rs, int row) throws SQLException {
		Array types = rs.getArray("allowed_mime_types");
		return new Bucket(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class), rs.getString("name"),
				rs.getBoolean("public"), rs.getObject("max_object_size", Long.class),
				Arrays.asList((String[]) types.getArray()),
				new AccessRules(AccessRules.Scope.of(rs.getString("authenticated_read")),
						AccessRules.Scope.of(rs.getString("authenticated_write"))),
				Timestamps.readRequired(rs, "created_at"), Timestamps.readRequired(rs, "updated_at"));
	}

}
