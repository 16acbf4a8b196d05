package dev.springbase.functions.sdk.storage;

import java.util.List;

/**
 * One page of a bucket listing, in key order.
 *
 * @param items the objects of this page
 * @param nextCursor where the next page starts, or {@code null} on the last page
 */
public record ObjectPage(List<StorageObject> items, String nextCursor) {

	public boolean hasNext() {
		return this.nextCursor != null;
	}

}
