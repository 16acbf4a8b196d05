package dev.springbase.functions.catalog;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.springbase.functions.access.Requester;
import dev.springbase.functions.catalog.FunctionService.SettingsChange;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

@RestController
@RequestMapping("${springbase.api-prefix}/functions")
class FunctionController {

	private final FunctionService functions;

	FunctionController(FunctionService functions) {
		this.functions = functions;
	}

	/**
	 * Deploys a JAR as a new version: {@code multipart/form-data} with the parts
	 * {@code file} (the JAR) and {@code handler}.
	 */
	@PostMapping(path = "/{name}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<VersionView> deploy(Requester requester, @PathVariable String name,
			@RequestPart("file") MultipartFile file, @RequestParam String handler,
			@RequestParam(defaultValue = "true") boolean activate) {
		VersionView version = this.functions.deploy(requester, name, handler, file, activate);
		return ResponseEntity.created(URI.create("/functions/v1/functions/" + name + "/versions/" + version.number()))
			.body(version);
	}

	@GetMapping
	CursorPage<FunctionView> list(Requester requester, @RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor) {
		return this.functions.list(requester, PageRequest.of(limit, cursor));
	}

	@GetMapping("/{name}")
	FunctionView get(Requester requester, @PathVariable String name) {
		return this.functions.get(requester, name);
	}

	@PatchMapping("/{name}")
	FunctionView update(Requester requester, @PathVariable String name, @RequestBody SettingsChange change) {
		return this.functions.update(requester, name, change);
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> delete(Requester requester, @PathVariable String name) {
		this.functions.delete(requester, name);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{name}/versions")
	CursorPage<VersionView> versions(Requester requester, @PathVariable String name,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor) {
		return this.functions.versions(requester, name, PageRequest.of(limit, cursor));
	}

	/** Makes a version the one that runs; activating an older one is a rollback. */
	@PostMapping("/{name}/versions/{number}/activate")
	FunctionView activate(Requester requester, @PathVariable String name, @PathVariable int number) {
		return this.functions.activate(requester, name, number);
	}

	/** Sets a secret; its value is write-only and never returned by any call. */
	@PutMapping("/{name}/secrets/{secret}")
	ResponseEntity<Void> putSecret(Requester requester, @PathVariable String name, @PathVariable String secret,
			@Valid @RequestBody SecretValue value) {
		this.functions.putSecret(requester, name, secret, value.value());
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{name}/secrets/{secret}")
	ResponseEntity<Void> deleteSecret(Requester requester, @PathVariable String name, @PathVariable String secret) {
		this.functions.deleteSecret(requester, name, secret);
		return ResponseEntity.noContent().build();
	}

	record SecretValue(@NotNull String value) {

	}

}
