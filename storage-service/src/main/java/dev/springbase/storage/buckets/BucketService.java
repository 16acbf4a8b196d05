package dev.springbase.storage.buckets;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;
import dev.springbase.storage.access.AccessRules;
import dev.springbase.storage.access.Requester;
import dev.springbase.platform.jdbc.Timestamps;

/** Buckets of a project: managed by admins, looked up by every object operation. */
@Service
public class BucketService {

	/** Names that are words of object paths, such as /object/copy or /object/sign/... */
	private static final Set<String> RESERVED_NAMES = Set.of("copy", "move", "sign", "signed", "upload");

	private final BucketRepository buckets;

	BucketService(BucketRepository buckets) {
		this.buckets = buckets;
	}

	/**
	 * The bucket an object operation works in. Callers of other projects never find it,
	 * since lookups are by the requester's own project.
	 */
	@Transactional(readOnly = true)
	public Bucket require(Requester requester, String name) {
		return this.buckets.find(requester.projectId(), name).orElseThrow(() -> BucketException.notFound(name));
	}

	@Transactional
	BucketView create(Requester requester, BucketSettings settings, String name) {
		requester.requireAdmin();
		if (RESERVED_NAMES.contains(name)) {
			throw BucketException.reserved(name);
		}
		Instant now = Timestamps.now();
		Bucket bucket = new Bucket(Ids.newId(), requester.projectId(), name, Boolean.TRUE.equals(settings.isPublic()),
				settings.maxObjectSize(), orEmpty(settings.allowedMimeTypes()),
				(settings.accessRules() != null) ? settings.accessRules() : AccessRules.DEFAULT, now, now);
		if (!this.buckets.insert(bucket)) {
			throw BucketException.exists(name);
		}
		return BucketView.of(bucket);
	}

	@Transactional(readOnly = true)
	CursorPage<BucketView> list(Requester requester, PageRequest page) {
		requester.requireAdminOrViewer();
		return CursorPage
			.of(this.buckets.page(requester.projectId(), page), page.limit(),
					(bucket) -> PageRequest.cursorOf(bucket.id()))
			.map(BucketView::of);
	}

	@Transactional(readOnly = true)
	BucketView get(Requester requester, String name) {
		requester.requireAdminOrViewer();
		return BucketView.of(require(requester, name));
	}

	/** Changes the settings that are present; absent ones stay as they are. */
	@Transactional
	BucketView update(Requester requester, String name, BucketSettings settings) {
		requester.requireAdmin();
		Bucket current = require(requester, name);
		Bucket updated = new Bucket(current.id(), current.projectId(), current.name(),
				(settings.isPublic() != null) ? settings.isPublic() : current.isPublic(),
				(settings.maxObjectSize() != null) ? settings.maxObjectSize() : current.maxObjectSize(),
				(settings.allowedMimeTypes() != null) ? settings.allowedMimeTypes() : current.allowedMimeTypes(),
				(settings.accessRules() != null) ? settings.accessRules() : current.accessRules(), current.createdAt(),
				Timestamps.now());
		this.buckets.update(updated);
		return BucketView.of(updated);
	}

	@Transactional
	void delete(Requester requester, String name) {
		requester.requireAdmin();
		Bucket bucket = require(requester, name);
		if (this.buckets.hasObjects(bucket.id())) {
			throw BucketException.notEmpty(name);
		}
		this.buckets.delete(bucket.id());
	}

	private static List<String> orEmpty(@Nullable List<String> values) {
		return (values != null) ? values : List.of();
	}

	/** What a create or update request sets; absent fields keep defaults or values. */
	record BucketSettings(@Nullable Boolean isPublic, @Nullable Long maxObjectSize,
			@Nullable List<String> allowedMimeTypes, @Nullable AccessRules accessRules) {

	}

}
