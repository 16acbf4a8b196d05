package dev.springbase.functions.sdk.events;

import java.util.Map;

/**
 * The data of {@code db.row.inserted}, {@code updated} and {@code deleted}: a row of a
 * watched table of the project's database, as JSON values by column name. In the event's
 * JSON the rows are {@code old} and {@code new}.
 *
 * @param schema the project's schema
 * @param table the table's name
 * @param oldRow the row before the change; {@code null} for an insert
 * @param newRow the row after the change; {@code null} for a delete
 */
public record DatabaseRowEvent(String schema, String table, Map<String, Object> oldRow, Map<String, Object> newRow) {

	/** {@code inserted}, {@code updated} or {@code deleted}, as the rows show. */
	public String operation() {
		if (this.oldRow == null) {
			return "inserted";
		}
		return (this.newRow == null) ? "deleted" : "updated";
	}

}
