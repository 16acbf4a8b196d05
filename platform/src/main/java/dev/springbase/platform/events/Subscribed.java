package dev.springbase.platform.events;

/**
 * A running consumer of a subscription in this instance. Closing it stops this instance
 * from consuming; the subscription stays and keeps collecting events for later.
 */
public interface Subscribed extends AutoCloseable {

	@Override
	void close();

}
