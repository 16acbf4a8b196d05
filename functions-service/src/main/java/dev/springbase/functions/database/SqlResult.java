package dev.springbase.functions.database;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the last statement of a SQL request gave.
 *
 * @param columns the columns of its rows; empty when it returned none
 * @param rows its rows, each an array in column order: numbers, booleans and JSON as
 * themselves, every other value in PostgreSQL's text form
 * @param truncated whether it returned more rows than are shown
 * @param rowCount how many rows it returned (those shown) or changed
 */
public record SqlResult(List<Column> columns, List<List<@Nullable Object>> rows, boolean truncated, long rowCount) {

	/**
	 * @param name the column's name or label
	 * @param type its PostgreSQL type, e.g. {@code int4}, {@code text}, {@code jsonb}
	 */
	public record Column(String name, String type) {

	}

}
