package dev.springbase.functions.sdk.spi;

import dev.springbase.functions.sdk.FunctionContext;

/**
 * Holds the context of the invocation the worker runs now. A worker runs one invocation
 * at a time, so one field serves every thread the function starts, unlike a thread-local.
 */
public final class CurrentContext {

	private static volatile FunctionContext current;

	private CurrentContext() {
	}

	public static FunctionContext get() {
		FunctionContext context = current;
		if (context == null) {
			throw new IllegalStateException("No function invocation is running; "
					+ "FunctionContext.current() works while Springbase runs the function.");
		}
		return context;
	}

	public static void set(FunctionContext context) {
		current = context;
	}

	public static void clear() {
		current = null;
	}

}
