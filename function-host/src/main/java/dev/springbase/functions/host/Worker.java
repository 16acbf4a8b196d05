package dev.springbase.functions.host;

import java.io.IOException;
import java.nio.file.Path;

import dev.springbase.functions.host.RuntimeMessages.Init;
import dev.springbase.functions.host.RuntimeMessages.Next;
import dev.springbase.functions.host.RuntimeMessages.Result;
import dev.springbase.functions.sdk.spi.CurrentContext;

/**
 * The {@code run} mode: loads the function once, then runs invocations one at a time
 * until the service retires the worker or cannot be reached any more (a worker never
 * outlives its service). After an {@link OutOfMemoryError} the worker reports the failure
 * and ends, since the function's state can no longer be trusted; the service starts a
 * fresh one.
 */
final class Worker {

	/** Exit status after a fatal error in user code. */
	static final int FATAL = 3;

	/** Exit status when the deployment cannot be loaded. */
	static final int LOAD_FAILED = 70;

	private final RuntimeClient runtime;

	Worker(RuntimeClient runtime) {
		this.runtime = runtime;
	}

	int run() {
		Init init;
		LoadedFunction function;
		try {
			init = this.runtime.init();
			function = FunctionLoader.load(Path.of(init.jar()), init.handler());
		}
		catch (LoadFailure ex) {
			System.err.println("The function cannot be loaded: " + ex.getMessage());
			return LOAD_FAILED;
		}
		catch (IOException ex) {
			System.err.println("The functions service cannot be reached: " + ex.getMessage());
			return LOAD_FAILED;
		}
		catch (InterruptedException ex) {
			return 0;
		}
		Payloads payloads = new Payloads(this.runtime.json());
		payloads.prepare(function);
		OutputCapture capture = OutputCapture.install();
		Next next = null;
		while (true) {
			try {
				if (next == null) {
					next = this.runtime.next();
					continue;
				}
				InvocationLog log = new InvocationLog(init.maxLogBytes());
				Outcome outcome = runOne(function, payloads, capture, new WorkerContext(init, next.invocationId(),
						next.caller(), new FunctionToken(this.runtime, next.token()), next.event(), log), next.body());
				next = this.runtime.finish(next.invocationId(), outcome.result(log), !outcome.fatal());
				if (outcome.fatal()) {
					Runtime.getRuntime().halt(FATAL);
				}
			}
			catch (RuntimeClient.Stop | IOException | InterruptedException ex) {
				return 0;
			}
		}
	}

	private static Outcome runOne(LoadedFunction function, Payloads payloads, OutputCapture capture,
			WorkerContext context, byte[] body) {
		CurrentContext.set(context);
		capture.route(context.log());
		try {
			Payloads.Output output = function.invoke((body != null) ? body : new byte[0], payloads);
			return new Outcome(output, null, null, false);
		}
		catch (Payloads.InvalidInput ex) {
			return new Outcome(null, "InvalidInput", ex.getMessage(), false);
		}
		catch (OutOfMemoryError ex) {
			return new Outcome(null, "OutOfMemoryError", "The function ran out of memory: " + ex.getMessage(), true);
		}
		catch (VirtualMachineError ex) {
			return new Outcome(null, ex.getClass().getName(), String.valueOf(ex.getMessage()), true);
		}
		catch (Throwable ex) {
			context.log().error("The function threw " + ex.getClass().getName(), ex);
			return new Outcome(null, ex.getClass().getName(), String.valueOf(ex.getMessage()), false);
		}
		finally {
			System.out.flush();
			System.err.flush();
			capture.route(null);
			CurrentContext.clear();
		}
	}

	private record Outcome(Payloads.Output output, String errorType, String errorMessage, boolean fatal) {

		Result result(InvocationLog log) {
			if (this.output != null) {
				return new Result(true, this.output.body(), this.output.contentType(), null, null, log.lines(),
						log.truncated());
			}
			return new Result(false, null, null, this.errorType, this.errorMessage, log.lines(), log.truncated());
		}

	}

}
