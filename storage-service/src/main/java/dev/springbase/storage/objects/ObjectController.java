package dev.springbase.storage.objects;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import dev.springbase.platform.web.PageRequest;
import dev.springbase.storage.access.Requester;

@RestController
@RequestMapping("${springbase.api-prefix}")
class ObjectController {

	/** Replace an existing object instead of refusing with 409. */
	static final String UPSERT_HEADER = "x-upsert";

	/** The {@code Cache-Control} downloads of the object carry. */
	static final String CACHE_CONTROL_HEADER = "x-cache-control";

	/** User metadata: a JSON object of strings. */
	static final String METADATA_HEADER = "x-metadata";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ObjectService objects;

	private final DownloadResponses downloads;

	ObjectController(ObjectService objects, DownloadResponses downloads) {
		this.objects = objects;
		this.downloads = downloads;
	}

	@PutMapping("/object/{bucket}/{*key}")
	ResponseEntity<ObjectView> put(Requester requester, @PathVariable String bucket, @PathVariable String key,
			@RequestHeader(name = UPSERT_HEADER, defaultValue = "false") boolean upsert,
			@RequestHeader(name = CACHE_CONTROL_HEADER, required = false) @Nullable String cacheControl,
			@RequestHeader(name = METADATA_HEADER, required = false) @Nullable String metadata,
			HttpServletRequest request) throws IOException {
		UploadOptions options = new UploadOptions(upsert, cacheControl, parseMetadata(metadata));
		try (InputStream body = request.getInputStream()) {
			return created(this.objects.upload(requester, bucket, ObjectKeys.fromPath(key), body,
					request.getContentLengthLong(), options));
		}
	}

	/**
	 * A browser form upload: fields {@code cacheControl} and {@code metadata} (JSON)
	 * before one file part.
	 */
	@PostMapping("/object/{bucket}/{*key}")
	ResponseEntity<ObjectView> post(Requester requester, @PathVariable String bucket, @PathVariable String key,
			@RequestHeader(name = UPSERT_HEADER, defaultValue = "false") boolean upsert, HttpServletRequest request)
			throws IOException {
		String objectKey = ObjectKeys.fromPath(key);
		this.objects.checkUpload(requester, bucket, objectKey, -1, upsert);
		ObjectView stored = MultipartUploads.read(request,
				(content, fields) -> this.objects.upload(requester, bucket, objectKey, content, -1,
						new UploadOptions(upsert, fields.get("cacheControl"), parseMetadata(fields.get("metadata")))));
		return created(stored);
	}

	/** {@code ?download} or {@code ?download=name.ext} asks for an attachment. */
	@RequestMapping(path = "/object/{bucket}/{*key}", method = { RequestMethod.GET, RequestMethod.HEAD })
	void get(Requester requester, @PathVariable String bucket, @PathVariable String key,
			@RequestParam(required = false) @Nullable String download, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		this.downloads.write(this.objects.open(requester, bucket, ObjectKeys.fromPath(key)), download, request,
				response);
	}

	@DeleteMapping("/object/{bucket}/{*key}")
	ResponseEntity<Void> delete(Requester requester, @PathVariable String bucket, @PathVariable String key) {
		this.objects.delete(requester, bucket, ObjectKeys.fromPath(key));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/bucket/{bucket}/objects")
	ObjectListing list(Requester requester, @PathVariable String bucket, @RequestParam(defaultValue = "") String prefix,
			@RequestParam(required = false) @Nullable String delimiter,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor) {
		int size = PageRequest.of(limit, null).limit();
		return this.objects.list(requester, bucket, prefix, delimiter, size, ObjectListing.after(cursor));
	}

	@DeleteMapping("/bucket/{bucket}/objects")
	Map<String, List<String>> deleteMany(Requester requester, @PathVariable String bucket,
			@Valid @RequestBody DeleteObjectsRequest request) {
		return Map.of("deleted", this.objects.deleteAll(requester, bucket, request.keys()));
	}

	@PostMapping("/object/copy")
	ResponseEntity<ObjectView> copy(Requester requester, @Valid @RequestBody TransferRequest request) {
		return created(this.objects.copy(requester, request.bucket(), request.sourceKey(), request.targetBucket(),
				request.destinationKey(), Boolean.TRUE.equals(request.upsert())));
	}

	@PostMapping("/object/move")
	ObjectView move(Requester requester, @Valid @RequestBody TransferRequest request) {
		return this.objects.move(requester, request.bucket(), request.sourceKey(), request.targetBucket(),
				request.destinationKey(), Boolean.TRUE.equals(request.upsert()));
	}

	private static ResponseEntity<ObjectView> created(ObjectView object) {
		URI location = URI.create("/storage/v1/object/" + object.bucket() + "/"
				+ UriUtils.encodePath(object.key(), StandardCharsets.UTF_8));
		return ResponseEntity.status(HttpStatus.CREATED).location(location).body(object);
	}

	private static Map<String, String> parseMetadata(@Nullable String json) {
		if (json == null || json.isBlank()) {
			return Map.of();
		}
		try {
			return JSON.readValue(json, new TypeReference<Map<String, String>>() {
			});
		}
		catch (JacksonException ex) {
			throw ObjectException.invalidMetadata(
					"User metadata must be a JSON object of string values, such as {\"album\":\"holidays\"}.");
		}
	}

	record DeleteObjectsRequest(@NotEmpty @Size(max = 1000) List<@NotNull String> keys) {

	}

	/**
	 * @param destinationBucket defaults to the source bucket
	 */
	record TransferRequest(@NotNull String bucket, @NotNull String sourceKey, @Nullable String destinationBucket,
			@NotNull String destinationKey, @Nullable Boolean upsert) {

		String targetBucket() {
			return (this.destinationBucket != null) ? this.destinationBucket : this.bucket;
		}

	}

}
