package dev.springbase.platform.events;

import org.jspecify.annotations.Nullable;

/**
 * A durable interest in events: every event whose type matches the pattern and that
 * passes the filter is delivered to the subscription's handler at least once, also when
 * it was emitted while no consumer ran.
 *
 * @param name unique across the platform, e.g. {@code functions.storage-triggers}
 * @param typePattern dot-separated segments where {@code *} matches one segment and
 * {@code #} any number, e.g. {@code storage.object.*}
 * @param filter conditions on attributes joined by {@code and}, e.g.
 * {@code subject ^= 'photos/' and project = '0190...'}; see {@link EventFilter}
 */
public record Subscription(String name, String typePattern, @Nullable String filter) {

	public static Subscription of(String name, String typePattern) {
		return new Subscription(name, typePattern, null);
	}

	public Subscription withFilter(String filter) {
		return new Subscription(this.name, this.typePattern, filter);
	}

}
