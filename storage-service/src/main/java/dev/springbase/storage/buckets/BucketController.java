package dev.springbase.storage.buckets;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;
import dev.springbase.storage.access.AccessRules;
import dev.springbase.storage.access.Requester;
import dev.springbase.storage.buckets.BucketService.BucketSettings;

@RestController
@RequestMapping("${springbase.api-prefix}/bucket")
class BucketController {

	/**
	 * Lower-case letters, digits, dots, dashes and underscores, as in S3 bucket names.
	 */
	static final String NAME = "[a-z0-9][a-z0-9._-]{1,62}";

	private static final String MIME_TYPE = "[a-z0-9!#$&^_.+-]+/([a-z0-9!#$&^_.+-]+|\\*)|\\*/\\*";

	private final BucketService buckets;

	BucketController(BucketService buckets) {
		this.buckets = buckets;
	}

	@PostMapping
	ResponseEntity<BucketView> create(Requester requester, @Valid @RequestBody CreateBucketRequest request) {
		BucketView created = this.buckets.create(requester, request.settings(), request.name());
		return ResponseEntity.created(URI.create("/storage/v1/bucket/" + created.name())).body(created);
	}

	@GetMapping
	CursorPage<BucketView> list(Requester requester, @RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor) {
		return this.buckets.list(requester, PageRequest.of(limit, cursor));
	}

	@GetMapping("/{name}")
	BucketView get(Requester requester, @PathVariable String name) {
		return this.buckets.get(requester, name);
	}

	@PatchMapping("/{name}")
	BucketView update(Requester requester, @PathVariable String name, @Valid @RequestBody UpdateBucketRequest request) {
		return this.buckets.update(requester, name, request.settings());
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> delete(Requester requester, @PathVariable String name) {
		this.buckets.delete(requester, name);
		return ResponseEntity.noContent().build();
	}

	record CreateBucketRequest(
			@NotNull @Pattern(regexp = NAME,
					message = "must be 2 to 63 lower-case letters, digits, dots, dashes or underscores") String name,
			@JsonProperty("public") @Nullable Boolean isPublic, @Nullable @Positive Long maxObjectSize,
			@Nullable @Size(max = 100) List<@NotNull @Pattern(regexp = MIME_TYPE,
					message = "must be a MIME type such as image/png, or a family such as image/*") String> allowedMimeTypes,
			@Nullable AccessRules accessRules) {

		BucketSettings settings() {
			return new BucketSettings(this.isPublic, this.maxObjectSize, this.allowedMimeTypes, this.accessRules);
		}

	}

	/** Only the fields present change. */
	record UpdateBucketRequest(@JsonProperty("public") @Nullable Boolean isPublic,
			@Nullable @Positive Long maxObjectSize,
			@Nullable @Size(max = 100) List<@NotNull @Pattern(regexp = MIME_TYPE,
					message = "must be a MIME type such as image/png, or a family such as image/*") String> allowedMimeTypes,
			@Nullable AccessRules accessRules) {

		BucketSettings settings() {
			return new BucketSettings(this.isPublic, this.maxObjectSize, this.allowedMimeTypes, this.accessRules);
		}

	}

}
