package dev.springbase.storage.objects;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.jdbc.Timestamps;

@Repository
class ObjectRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String COLUMNS = """
			id, project_id, bucket_id, object_key, blob_key, size, content_type, sha256, cache_control, owner,
			metadata, created_at, updated_at""";

	private final JdbcClient jdbc;

	ObjectRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StoredObject> find(UUID bucketId, String key) {
		return this.jdbc.sql("select " + COLUMNS + " from objects where bucket_id = :bucket and object_key = :key")
			.param("bucket", bucketId)
			.param("key", key)
			.query(ObjectRepository::map)
			.optional();
	}

	Optional<StoredObject> lock(UUID bucketId, String key) {
		return this.jdbc
			.sql("select " + COLUMNS + " from objects where bucket_id = :bucket and object_key = :key for update")
			.param("bucket", bucketId)
			.param("key", key)
			.query(ObjectRepository::map)
			.optional();
	}

	void insert(StoredObject object) {
		this.jdbc.sql("""
				insert into objects (%s) values (:id, :project, :bucket, :key, :blob, :size, :type, :sha256,
				:cacheControl, :owner, cast(:metadata as jsonb), :created, :updated)""".formatted(COLUMNS))
			.paramSource(params(object))
			.update();
	}

	/** Points an existing row (same id) at new content, keeping its creation time. */
	void replace(StoredObject object) {
		this.jdbc.sql("""
				update objects set bucket_id = :bucket, object_key = :key, blob_key = :blob, size = :size,
				content_type = :type, sha256 = :sha256, cache_control = :cacheControl, owner = :owner,
				metadata = cast(:metadata as jsonb), updated_at = :updated
				where id = :id""").paramSource(params(object)).update();
	}

	void delete(UUID id) {
		this.jdbc.sql("delete from objects where id = :id").param("id", id).update();
	}

	List<StoredObject> lockAll(UUID bucketId, Collection<String> keys) {
		return this.jdbc.sql("select " + COLUMNS + " " + """
				from objects where bucket_id = :bucket and object_key in (:keys) order by object_key for update""")
			.param("bucket", bucketId)
			.param("keys", keys)
			.query(ObjectRepository::map)
			.list();
	}

	/**
	 * Up to {@code limit} objects whose keys start with the prefix and sort after
	 * {@code after} (or at/after {@code from}), in key order. The range bounds let the
	 * unique index on (bucket, key) serve the scan.
	 */
	List<StoredObject> scan(UUID bucketId, String prefix, @Nullable String after, boolean inclusive, int limit) {
		String upper = upperBound(prefix);
		String lowerOp = (inclusive || after == null) ? ">=" : ">";
		return this.jdbc.sql("select " + COLUMNS + " " + """
				from objects where bucket_id = :bucket and object_key %s :after
				and (cast(:upper as text) is null or object_key < cast(:upper as text) collate "C")
				and starts_with(object_key, :prefix)
				order by object_key limit :limit""".formatted(lowerOp))
			.param("bucket", bucketId)
			.param("after", (after != null) ? after : prefix)
			.param("upper", upper)
			.param("prefix", prefix)
			.param("limit", limit)
			.query(ObjectRepository::map)
			.list();
	}

	/** The least string greater than every string with this prefix; none for "". */
	static @Nullable String upperBound(String prefix) {
		if (prefix.isEmpty()) {
			return null;
		}
		int last = prefix.codePointBefore(prefix.length());
		return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(last + 1);
	}

	private static MapSqlParameterSource params(StoredObject object) {
		return new MapSqlParameterSource().addValue("id", object.id())
			.addValue("project", object.projectId())
			.addValue("bucket", object.bucketId())
			.addValue("key", object.key())
			.addValue("blob", object.blobKey())
			.addValue("size", object.size())
			.addValue("type", object.contentType())
			.addValue("sha256", object.sha256())
			.addValue("cacheControl", object.cacheControl())
			.addValue("owner", object.owner())
			.addValue("metadata", JSON.writeValueAsString(object.metadata()))
			.addValue("created", Timestamps.toSql(object.createdAt()))
			.addValue("updated", Timestamps.toSql(object.updatedAt()));
	}

	private static StoredObject map(ResultSet rs, int row) throws SQLException {
		Map<String, String> metadata = JSON.readValue(rs.getString("metadata"), new TypeReference<>() {
		});
		return new StoredObject(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
				rs.getObject("bucket_id", UUID.class), rs.getString("object_key"), rs.getString("blob_key"),
				rs.getLong("size"), rs.getString("content_type"), rs.getString("sha256"), rs.getString("cache_control"),
				rs.getString("owner"), metadata, Timestamps.readRequired(rs, "created_at"),
				Timestamps.readRequired(rs, "updated_at"));
	}

	/** Which of the blob keys an object row references. */
	Set<String> referencedBlobKeys(List<String> blobKeys) {
		return new HashSet<>(this.jdbc.sql("select blob_key from objects where blob_key = any(?)")
			.param(blobKeys.toArray(String[]::new))
			.query(String.class)
			.list());
	}

}
