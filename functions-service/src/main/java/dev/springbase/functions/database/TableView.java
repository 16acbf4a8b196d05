package dev.springbase.functions.database;

import java.util.List;

/**
 * A table or view of a project's database, as the console lists it.
 *
 * @param name the unqualified name
 * @param kind {@code table}, {@code view} or {@code materialized_view}
 * @param watched whether its row changes become {@code db.row.*} events
 * @param columns its columns in order
 */
public record TableView(String name, String kind, boolean watched, List<Column> columns) {

	/**
	 * @param name the column's name
	 * @param type its type as PostgreSQL spells it, e.g. {@code numeric(10,2)}
	 * @param nullable whether it may hold null
	 */
	public record Column(String name, String type, boolean nullable) {

	}

}
