package dev.springbase.storage.objects;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.springbase.platform.events.EventPublisher;
import dev.springbase.platform.events.NewEvent;
import dev.springbase.storage.buckets.Bucket;

/**
 * {@code storage.object.created} and {@code storage.object.deleted}, written to the
 * outbox in the transaction that changes the object's row: a committed change always
 * yields its event, a refused or rolled-back one never does. The subject is
 * {@code <bucket>/<key>}, so subscriptions can filter by bucket and prefix.
 */
@Component
class ObjectEvents {

	static final String CREATED = "storage.object.created";

	static final String DELETED = "storage.object.deleted";

	private final EventPublisher publisher;

	ObjectEvents(EventPublisher publisher) {
		this.publisher = publisher;
	}

	/** A new object, or a new version of one (upsert, copy or move target). */
	void created(Bucket bucket, StoredObject object) {
		publish(CREATED, bucket, object);
	}

	void deleted(Bucket bucket, StoredObject object) {
		publish(DELETED, bucket, object);
	}

	private void publish(String type, Bucket bucket, StoredObject object) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("bucket", bucket.name());
		data.put("key", object.key());
		data.put("size", object.size());
		data.put("contentType", object.contentType());
		data.put("sha256", object.sha256());
		data.put("owner", object.owner());
		this.publisher.publish(NewEvent.of(type, object.projectId(), bucket.name() + "/" + object.key(), data));
	}

}
