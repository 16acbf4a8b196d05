package dev.springbase.storage.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.storage.access.Requester;
import dev.springbase.storage.config.StorageProperties;
import dev.springbase.storage.objects.DownloadResponses;
import dev.springbase.storage.objects.ObjectKeys;
import dev.springbase.storage.objects.ObjectService;
import dev.springbase.storage.objects.ObjectView;
import dev.springbase.storage.objects.UploadOptions;

/**
 * Signed URLs: whoever may read (or write) an object can hand out a URL that lets anyone
 * holding it do just that, until it expires, without credentials of their own.
 */
@RestController
@RequestMapping("${springbase.api-prefix}/object")
class SignedUrlController {

	private final SignedUrls signedUrls;

	private final ObjectService objects;

	private final DownloadResponses downloads;

	private final StorageProperties properties;

	SignedUrlController(SignedUrls signedUrls, ObjectService objects, DownloadResponses downloads,
			StorageProperties properties) {
		this.signedUrls = signedUrls;
		this.objects = objects;
		this.downloads = downloads;
		this.properties = properties;
	}

	@PostMapping("/sign/{bucket}/{*key}")
	SignedUrl signDownload(Requester requester, @PathVariable String bucket, @PathVariable String key,
			@Valid @RequestBody SignRequest request) {
		String objectKey = ObjectKeys.fromPath(key);
		this.objects.open(requester, bucket, objectKey);
		Instant expiresAt = expiry(request.expiresIn());
		String token = this.signedUrls.sign(new SignedUrls.Grant(requester.projectId(), bucket, objectKey, "GET",
				expiresAt.getEpochSecond(), false, null));
		return new SignedUrl(url("/signed/", bucket, objectKey, token), expiresAt);
	}

	@PostMapping("/upload/sign/{bucket}/{*key}")
	SignedUrl signUpload(Requester requester, @PathVariable String bucket, @PathVariable String key,
			@Valid @RequestBody SignRequest request) {
		String objectKey = ObjectKeys.fromPath(key);
		boolean upsert = Boolean.TRUE.equals(request.upsert());
		this.objects.checkUpload(requester, bucket, objectKey, -1, upsert);
		Instant expiresAt = expiry(request.expiresIn());
		String token = this.signedUrls.sign(new SignedUrls.Grant(requester.projectId(), bucket, objectKey, "PUT",
				expiresAt.getEpochSecond(), upsert, requester.userId()));
		return new SignedUrl(url("/upload/signed/", bucket, objectKey, token), expiresAt);
	}

	@RequestMapping(path = "/signed/{bucket}/{*key}", method = { RequestMethod.GET, RequestMethod.HEAD })
	void download(@PathVariable String bucket, @PathVariable String key, @RequestParam @Nullable String token,
			@RequestParam(required = false) @Nullable String download, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		String objectKey = ObjectKeys.fromPath(key);
		SignedUrls.Grant grant = this.signedUrls.verify(token, "GET", bucket, objectKey);
		this.downloads.write(this.objects.open(Requester.admin(grant.project()), bucket, objectKey), download, request,
				response);
	}

	@PutMapping("/upload/signed/{bucket}/{*key}")
	ResponseEntity<ObjectView> upload(@PathVariable String bucket, @PathVariable String key,
			@RequestParam @Nullable String token, HttpServletRequest request) throws IOException {
		String objectKey = ObjectKeys.fromPath(key);
		SignedUrls.Grant grant = this.signedUrls.verify(token, "PUT", bucket, objectKey);
		Requester signer = new Requester(grant.project(), Requester.Level.ADMIN, grant.owner());
		try (InputStream body = request.getInputStream()) {
			ObjectView stored = this.objects.upload(signer, bucket, objectKey, body, request.getContentLengthLong(),
					new UploadOptions(grant.upsert(), null, Map.of()));
			return ResponseEntity.status(HttpStatus.CREATED).body(stored);
		}
	}

	private Instant expiry(long expiresIn) {
		long max = this.properties.signing().maxExpiry().toSeconds();
		if (expiresIn > max) {
			throw ApiException.badRequest("storage.invalid_expiry",
					"expiresIn is at most " + max + " seconds; was " + expiresIn + ".");
		}
		return this.signedUrls.now().plusSeconds(expiresIn);
	}

	private static String url(String kind, String bucket, String key, String token) {
		return "/storage/v1/object" + kind + bucket + "/" + UriUtils.encodePath(key, StandardCharsets.UTF_8) + "?token="
				+ token;
	}

	/**
	 * @param expiresIn seconds the URL stays valid
	 * @param upsert for uploads: whether the URL may replace an existing object
	 */
	record SignRequest(@Positive long expiresIn, @Nullable Boolean upsert) {

	}

	/** {@code signedUrl} is relative to the gateway's base URL. */
	record SignedUrl(String signedUrl, Instant expiresAt) {

	}

}
