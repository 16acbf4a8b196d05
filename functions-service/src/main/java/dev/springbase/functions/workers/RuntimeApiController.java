package dev.springbase.functions.workers;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.functions.config.FunctionsProperties;
import dev.springbase.functions.host.WorkerMain;
import dev.springbase.functions.workers.RuntimeMessages.Init;
import dev.springbase.functions.workers.RuntimeMessages.Next;
import dev.springbase.functions.workers.RuntimeMessages.Result;

/**
 * The runtime API workers pull invocations from. It is not routed by the gateway; a
 * worker proves itself with the token it was started with.
 */
@RestController
@RequestMapping("/internal/workers/{workerId}")
class RuntimeApiController {

	private final WorkerPools pools;

	private final int maxLogBytes;

	RuntimeApiController(WorkerPools pools, FunctionsProperties properties) {
		this.pools = pools;
		this.maxLogBytes = (int) properties.workers().maxLogSize().toBytes();
	}

	@GetMapping("/init")
	Init init(@PathVariable UUID workerId,
			@RequestHeader(name = WorkerMain.TOKEN_HEADER, required = false) @Nullable String token) {
		DeployedFunction function = this.pools.authenticate(workerId, token).pool.function;
		return new Init(function.projectId(), function.name(), function.jar().toString(), function.handler(),
				function.env(), function.secrets(), this.maxLogBytes);
	}

	@GetMapping("/next")
	ResponseEntity<Next> next(@PathVariable UUID workerId,
			@RequestHeader(name = WorkerMain.TOKEN_HEADER, required = false) @Nullable String token)
			throws InterruptedException {
		WorkerProcess worker = this.pools.authenticate(workerId, token);
		try {
			PendingInvocation invocation = worker.pool.take(worker);
			if (invocation == null) {
				return ResponseEntity.noContent().build();
			}
			return ResponseEntity
				.ok(new Next(invocation.id(), invocation.caller(), invocation.body(), invocation.event()));
		}
		catch (FunctionPool.Gone ex) {
			return ResponseEntity.status(410).build();
		}
	}

	@PostMapping("/invocations/{invocationId}")
	ResponseEntity<Void> finish(@PathVariable UUID workerId, @PathVariable UUID invocationId,
			@RequestHeader(name = WorkerMain.TOKEN_HEADER, required = false) @Nullable String token,
			@RequestBody Result result) {
		WorkerProcess worker = this.pools.authenticate(workerId, token);
		return worker.pool.finish(worker, invocationId, result) ? ResponseEntity.noContent().build()
				: ResponseEntity.status(409).build();
	}

}
