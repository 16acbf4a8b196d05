package dev.springbase.platform.web;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One page of a list. {@code nextCursor} is absent on the last page; pass it back as
 * {@code cursor} to read the next one.
 */
public record CursorPage<T>(List<T> items, @Nullable String nextCursor) {

	/**
	 * Builds a page from a query that fetched {@code limit + 1} rows: the extra row only
	 * tells that another page exists.
	 */
	public static <T> CursorPage<T> of(List<T> rowsPlusOne, int limit, Function<T, String> cursorOf) {
		if (rowsPlusOne.size() <= limit) {
			return new CursorPage<>(List.copyOf(rowsPlusOne), null);
		}
		List<T> items = List.copyOf(rowsPlusOne.subList(0, limit));
		return new CursorPage<>(items, cursorOf.apply(items.getLast()));
	}

	public <R> CursorPage<R> map(Function<T, R> mapper) {
		return new CursorPage<>(this.items.stream().map(mapper).toList(), this.nextCursor);
	}

}
