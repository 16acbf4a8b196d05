package dev.springbase.functions.invocations;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.springbase.functions.access.Requester;
import dev.springbase.functions.catalog.FunctionService;
import dev.springbase.functions.config.FunctionsProperties;
import dev.springbase.functions.workers.CallerInfo;
import dev.springbase.functions.workers.DeployedFunction;
import dev.springbase.functions.workers.EventInfo;
import dev.springbase.functions.workers.InvocationOutcome;
import dev.springbase.functions.workers.PendingInvocation;
import dev.springbase.functions.workers.WorkerPools;
import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

/**
 * Runs functions for their triggers and records every invocation: queued when it is
 * accepted, running when a worker takes it, and how it ended.
 */
@Service
public class InvocationService {

	static final String HTTP_TRIGGER = "http";

	private static final List<String> STATUSES = List.of("queued", "running", "succeeded", "failed", "timed_out");

	/** Writes the queued records of synchronous invocations. */
	private static final Executor RECORDER = (task) -> Thread.ofVirtual().name("invocation-queued").start(task);

	private final FunctionService functions;

	private final WorkerPools pools;

	private final InvocationRepository invocations;

	private final FunctionsProperties properties;

	InvocationService(FunctionService functions, WorkerPools pools, InvocationRepository invocations,
			FunctionsProperties properties) {
		this.functions = functions;
		this.pools = pools;
		this.invocations = invocations;
		this.properties = properties;
	}

	/**
	 * Queues an invocation of the function with the caller's identity; the future
	 * completes once its outcome is recorded. The record of an asynchronous invocation
	 * exists when this returns, since its caller polls it by id; that of a synchronous
	 * one is written while the invocation is handed to a worker, which gets it only once
	 * the record is written: when it cannot be, or not within the record timeout, the
	 * function does not run and the caller gets the database's failure (503
	 * {@code service.unavailable}).
	 */
	Started invoke(Requester requester, String name, byte[] body, boolean keepOutput) {
		DeployedFunction function = this.functions.deployed(requester.projectId(), name);
		UUID id = Ids.newId();
		Caller caller = requester.caller();
		Runnable insert = () -> this.invocations.insertQueued(id, function, HTTP_TRIGGER, caller, null, null);
		CompletableFuture<Void> inserted = keepOutput ? recorded(insert) : CompletableFuture.runAsync(insert, RECORDER);
		CompletableFuture<Void> queued = keepOutput ? inserted : inTime(id, inserted);
		return submit(function,
				new PendingInvocation(id, CallerInfo.of(caller), body, queued, this.invocations::markRunning), inserted,
				queued, keepOutput);
	}

	/**
	 * Runs the function of a trigger for one event and waits for the end. The invocation
	 * has no caller, the event's data is its input, and its record names the trigger and
	 * the event; it is written on this thread before the invocation is queued, so a slow
	 * database holds this thread, never a worker.
	 * @param trigger the trigger's kind: {@code storage}, {@code auth}, {@code database}
	 * or {@code schedule}
	 * @return the invocation's id and how it ended
	 * @throws ApiException when the function cannot run at all (no active version, say)
	 * or its end was not reported in time
	 */
	public EventInvocation invokeForEvent(UUID projectId, String functionName, String trigger, EventInfo event,
			byte[] data) {
		DeployedFunction function = this.functions.deployed(projectId, functionName);
		UUID id = Ids.newId();
		CompletableFuture<Void> queued = recorded(
				() -> this.invocations.insertQueued(id, function, trigger, null, event.triggerId(), eventId(event)));
		Started started = submit(function,
				new PendingInvocation(id, trigger, data, event, queued, this.invocations::markRunning), queued, queued,
				false);
		return new EventInvocation(id, waitFor(started));
	}

	private static CompletableFuture<Void> recorded(Runnable insert) {
		insert.run();
		return CompletableFuture.completedFuture(null);
	}

	/**
	 * The queued record as the worker and the caller see it: failed once it has taken
	 * longer than the record timeout, though the write goes on (a statement cannot be
	 * taken back once sent).
	 */
	private CompletableFuture<Void> inTime(UUID id, CompletableFuture<Void> inserted) {
		Duration limit = this.properties.workers().recordTimeout();
		return inserted.copy()
			.orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS)
			.exceptionallyCompose((failure) -> CompletableFuture.failedFuture((failure instanceof TimeoutException)
					? new QueryTimeoutException(
							"The record of invocation " + id + " was not written within " + limit.toMillis() + " ms")
					: failure));
	}

	/**
	 * Hands the invocation to the pool. Its outcome is recorded once its queued record is
	 * written, even when that came too late for it to run, so that a late record ends
	 * failed rather than queued; the caller is answered as soon as the record is known to
	 * be missing, without waiting for a late one.
	 * @param inserted completes when the queued record is written
	 * @param queued what the worker waits for: {@code inserted}, or its failure in time
	 */
	private Started submit(DeployedFunction function, PendingInvocation invocation, CompletableFuture<Void> inserted,
			CompletableFuture<Void> queued, boolean keepOutput) {
		CompletableFuture<InvocationOutcome> recorded = invocation.outcome().thenCombine(inserted, (outcome, done) -> {
			this.invocations.finish(invocation.id(), outcome, keepOutput);
			return outcome;
		});
		this.pools.submit(function, invocation);
		return new Started(invocation.id(), function, queued.thenCompose((done) -> recorded));
	}

	/**
	 * Whether the trigger's function already ran successfully for the event, so that a
	 * redelivery need not run it again.
	 */
	public boolean alreadyHandled(EventInfo event) {
		UUID eventId = eventId(event);
		return eventId != null && this.invocations.succeeded(event.triggerId(), eventId);
	}

	private static @Nullable UUID eventId(EventInfo event) {
		try {
			return UUID.fromString(event.id());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Waits for a synchronous invocation; a failure becomes the problem answer. */
	InvocationOutcome await(Started started) {
		InvocationOutcome outcome = waitFor(started);
		if (outcome.status() != InvocationOutcome.Status.SUCCEEDED) {
			throw failure(started.id(), String.valueOf(outcome.errorCode()), String.valueOf(outcome.errorType()),
					String.valueOf(outcome.errorMessage()));
		}
		return outcome;
	}

	private InvocationOutcome waitFor(Started started) {
		Duration limit = this.properties.workers().queueTimeout().plus(started.function().timeout()).plusSeconds(30);
		try {
			return started.outcome().get(limit.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw failure(started.id(), "functions.timeout", "Timeout", "The invocation did not end in time.");
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Recording invocation " + started.id() + " failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for invocation " + started.id(), ex);
		}
	}

	private static ApiException failure(UUID id, String code, String type, String message) {
		HttpStatus status = switch (code) {
			case "functions.invalid_input" -> HttpStatus.BAD_REQUEST;
			case "functions.timeout" -> HttpStatus.GATEWAY_TIMEOUT;
			case "functions.busy" -> HttpStatus.SERVICE_UNAVAILABLE;
			case "functions.function_not_found" -> HttpStatus.NOT_FOUND;
			default -> HttpStatus.BAD_GATEWAY;
		};
		return new ApiException(status, code, message, Map.of("invocationId", id.toString(), "errorType", type));
	}

	@Transactional(readOnly = true)
	CursorPage<InvocationView> list(Requester requester, @Nullable String function, @Nullable UUID triggerId,
			@Nullable String status, PageRequest page) {
		requester.requireAdminOrViewer();
		if (status != null && !STATUSES.contains(status)) {
			throw ApiException.badRequest("functions.invalid_status",
					"status must be one of " + String.join(", ", STATUSES) + ".");
		}
		return CursorPage
			.of(this.invocations.page(requester.projectId(), function, triggerId, status, page), page.limit(),
					(invocation) -> PageRequest.cursorOf(invocation.id()))
			.map(InvocationView::of);
	}

	/**
	 * An invocation, for project admins and viewers, and for whoever started it (to poll
	 * an asynchronous one).
	 */
	@Transactional(readOnly = true)
	InvocationView get(Requester requester, UUID id) {
		return InvocationView.of(visible(requester, id));
	}

	@Transactional(readOnly = true)
	Output output(Requester requester, UUID id) {
		InvocationRecord invocation = visible(requester, id);
		byte[] output = this.invocations.output(requester.projectId(), id)
			.orElseThrow(() -> ApiException.notFound("functions.output_not_found", "Invocation " + id
					+ " has no stored output: it has not succeeded yet, or it ran synchronously and answered then."));
		return new Output(output, invocation.outputContentType());
	}

	private InvocationRecord visible(Requester requester, UUID id) {
		InvocationRecord invocation = this.invocations.find(requester.projectId(), id)
			.filter((found) -> requester.canRead() || (requester.caller().kind().claimValue().equals(found.callerKind())
					&& requester.caller().subject().equals(found.callerSubject())))
			.orElseThrow(() -> ApiException.notFound("functions.invocation_not_found",
					"No invocation " + id + " is visible to you."));
		return invocation;
	}

	record Started(UUID id, DeployedFunction function, CompletableFuture<InvocationOutcome> outcome) {

	}

	/** An invocation for an event, ended. */
	public record EventInvocation(UUID id, InvocationOutcome outcome) {

	}

	record Output(byte[] body, @Nullable String contentType) {

	}

}
