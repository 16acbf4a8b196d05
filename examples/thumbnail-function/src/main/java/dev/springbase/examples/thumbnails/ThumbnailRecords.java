package dev.springbase.examples.thumbnails;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Records each thumbnail in the project's {@code thumbnails} table (created as the README
 * shows). A thumbnail made again, for an event that came twice or a photo replaced,
 * updates its row.
 */
final class ThumbnailRecords {

	static final String UPSERT = """
			insert into thumbnails (bucket, source_key, thumbnail_key, width, height, bytes)
			values (?, ?, ?, ?, ?, ?)
			on conflict (bucket, thumbnail_key) do update set source_key = excluded.source_key,
				width = excluded.width, height = excluded.height, bytes = excluded.bytes, created_at = now()""";

	private ThumbnailRecords() {
	}

	static void record(Connection connection, String bucket, String sourceKey, String thumbnailKey, int width,
			int height, long bytes) throws SQLException {
		try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
			upsert.setString(1, bucket);
			upsert.setString(2, sourceKey);
			upsert.setString(3, thumbnailKey);
			upsert.setInt(4, width);
			upsert.setInt(5, height);
			upsert.setLong(6, bytes);
			upsert.executeUpdate();
		}
	}

}
