package dev.springbase.functions.invocations;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.functions.access.Requester;
import dev.springbase.functions.config.FunctionsProperties;
import dev.springbase.functions.workers.InvocationOutcome;
import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

@RestController
class InvocationController {

	/** Names the invocation in every answer of the HTTP trigger. */
	static final String INVOCATION_HEADER = "Springbase-Invocation-Id";

	private final InvocationService invocations;

	private final long maxPayload;

	InvocationController(InvocationService invocations, FunctionsProperties properties) {
		this.invocations = invocations;
		this.maxPayload = properties.maxPayloadSize().toBytes();
	}

	/**
	 * The HTTP trigger: runs the function on the request body and answers with its
	 * result, or with 202 and the invocation id to poll when {@code async=true}.
	 */
	@PostMapping("${springbase.api-prefix}/{name}")
	ResponseEntity<?> invoke(Requester requester, @PathVariable String name,
			@RequestParam(defaultValue = "false") boolean async, HttpServletRequest request) throws IOException {
		byte[] body = readBody(request);
		InvocationService.Started started = this.invocations.invoke(requester, name, body, async);
		if (async) {
			return ResponseEntity.accepted()
				.location(URI.create("/functions/v1/invocations/" + started.id()))
				.header(INVOCATION_HEADER, started.id().toString())
				.body(Map.of("invocationId", started.id(), "status", "queued"));
		}
		InvocationOutcome outcome = this.invocations.await(started);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok().header(INVOCATION_HEADER, started.id().toString());
		if (outcome.contentType() != null) {
			response.header(HttpHeaders.CONTENT_TYPE, outcome.contentType());
		}
		return response.body(outcome.output());
	}

	@GetMapping("${springbase.api-prefix}/invocations")
	CursorPage<InvocationView> list(Requester requester, @RequestParam(required = false) @Nullable String function,
			@RequestParam(required = false) @Nullable UUID triggerId,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor) {
		return this.invocations.list(requester, function, triggerId, status, PageRequest.of(limit, cursor));
	}

	@GetMapping("${springbase.api-prefix}/invocations/{id}")
	InvocationView get(Requester requester, @PathVariable UUID id) {
		return this.invocations.get(requester, id);
	}

	/** The result of an asynchronous invocation, as the function returned it. */
	@GetMapping("${springbase.api-prefix}/invocations/{id}/output")
	ResponseEntity<byte[]> output(Requester requester, @PathVariable UUID id) {
		InvocationService.Output output = this.invocations.output(requester, id);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (output.contentType() != null) {
			response.header(HttpHeaders.CONTENT_TYPE, output.contentType());
		}
		return response.body(output.body());
	}

	private byte[] readBody(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > this.maxPayload) {
			throw tooLarge();
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxPayload + 1));
			if (body.length > this.maxPayload) {
				throw tooLarge();
			}
			return body;
		}
	}

	private ApiException tooLarge() {
		return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "functions.payload_too_large",
				"The request body is larger than " + this.maxPayload + " bytes, the most a function takes.");
	}

}
