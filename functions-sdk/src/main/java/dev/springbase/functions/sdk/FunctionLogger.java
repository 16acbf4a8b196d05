package dev.springbase.functions.sdk;

/**
 * Writes lines to the invocation's log. The log is bounded; lines past the bound are
 * dropped and the invocation record says so.
 */
public interface FunctionLogger {

	void info(String message);

	void warn(String message);

	void error(String message);

	void error(String message, Throwable failure);

}
