package dev.springbase.functions.workers;

import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.functions.config.FunctionsProperties;
import dev.springbase.functions.database.DatabaseAccess;
import dev.springbase.functions.database.ProjectDatabases;
import dev.springbase.functions.host.WorkerMain;
import dev.springbase.functions.tokens.FunctionTokens;
import dev.springbase.functions.workers.RuntimeMessages.Init;
import dev.springbase.functions.workers.RuntimeMessages.Next;
import dev.springbase.functions.workers.RuntimeMessages.Result;
import dev.springbase.functions.workers.RuntimeMessages.Token;

/**
 * The runtime API workers pull invocations from. It is not routed by the gateway; a
 * worker proves itself with the token it was started with.
 */
@RestController
@RequestMapping("/internal/workers/{workerId}")
class RuntimeApiController {

	private static final Logger log = LoggerFactory.getLogger(RuntimeApiController.class);

	/**
	 * How long a renewed token must last at least: workers renew a minute before expiry.
	 */
	private static final Duration RENEWED_TOKEN_COVER = Duration.ofMinutes(2);

	private final WorkerPools pools;

	private final ProjectDatabases databases;

	private final FunctionTokens tokens;

	private final int maxLogBytes;

	private final String storageUrl;

	RuntimeApiController(WorkerPools pools, ProjectDatabases databases, FunctionTokens tokens,
			FunctionsProperties properties) {
		this.pools = pools;
		this.databases = databases;
		this.tokens = tokens;
		this.maxLogBytes = (int) properties.workers().maxLogSize().toBytes();
		this.storageUrl = properties.storageUrl().toString();
	}

	@GetMapping("/init")
	Init init(@PathVariable UUID workerId,
			@RequestHeader(name = WorkerMain.TOKEN_HEADER, required = false) @Nullable String token) {
		DeployedFunction function = this.pools.authenticate(workerId, token).pool.function;
		return new Init(function.projectId(), function.name(), function.jar().toString(), function.handler(),
				function.env(), function.secrets(), this.maxLogBytes, this.storageUrl, database(function));
	}

	/**
	 * The project's database, created here on first use. A function that never uses it
	 * still runs when it cannot be had; one that does gets the failure when it connects.
	 */
	private @Nullable DatabaseAccess database(DeployedFunction function) {
		try {
			return this.databases.access(function.projectId());
		}
		catch (RuntimeException ex) {
			log.warn("The database of project {} could not be prepared for function {}: {}", function.projectId(),
					function.name(), ex.getMessage());
			return null;
		}
	}

	@GetMapping("/next")
	ResponseEntity<Next> next(@PathVariable UUID workerId,
			@RequestHeader(name = WorkerMain.TOKEN_HEADER, required = false) @Nullable String token)
			throws InterruptedException {
		return work(this.pools.authenticate(workerId, token));
	}

	/**
	 * The next invocation for the worker, waiting up to the poll window; 204 when none
	 * came.
	 */
	private ResponseEntity<Next> work(WorkerProcess worker) throws InterruptedException {
		try {
			PendingInvocation invocation = worker.pool.take(worker);
			if (invocation == null) {
				return ResponseEntity.noContent().build();
			}
			DeployedFunction function = worker.pool.function;
			return ResponseEntity.ok(new Next(invocation.id(), invocation.caller(), invocation.body(),
					this.tokens.tokenFor(function.projectId(), function.id(), function.timeout()), invocation.event()));
		}
		catch (FunctionPool.Gone ex) {
			return ResponseEntity.status(410).build();
		}
	}

	/**
	 * A fresh token of the worker's function, for an invocation that runs longer than the
	 * token it got with its work; 503 when the auth service gives none.
	 */
	@GetMapping("/token")
	ResponseEntity<Token> token(@PathVariable UUID workerId,
			@RequestHeader(name = WorkerMain.TOKEN_HEADER, required = false) @Nullable String token) {
		DeployedFunction function = this.pools.authenticate(workerId, token).pool.function;
		String fresh = this.tokens.tokenFor(function.projectId(), function.id(), RENEWED_TOKEN_COVER);
		return (fresh != null) ? ResponseEntity.ok(new Token(fresh)) : ResponseEntity.status(503).build();
	}

	/**
	 * The result of the invocation the worker ran, answered as {@code next} is: a warm
	 * worker reports and asks for more in one exchange. A worker that ends after this
	 * result (a fatal error) sends {@code next=false} and gets 204 at once; a result for
	 * an invocation the worker no longer runs (it timed out) is 409.
	 */
	@PostMapping("/invocations/{invocationId}")
	ResponseEntity<Next> finish(@PathVariable UUID workerId, @PathVariable UUID invocationId,
			@RequestHeader(name = WorkerMain.TOKEN_HEADER, required = false) @Nullable String token,
			@RequestParam(defaultValue = "true") boolean next, @RequestBody Result result) throws InterruptedException {
		WorkerProcess worker = this.pools.authenticate(workerId, token);
		if (!worker.pool.finish(worker, invocationId, result)) {
			return ResponseEntity.status(409).build();
		}
		return next ? work(worker) : ResponseEntity.noContent().build();
	}

}
