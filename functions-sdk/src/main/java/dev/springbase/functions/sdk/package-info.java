/**
 * The types a Springbase function author needs. A function is a plain
 * {@link java.util.function.Function}, {@link java.util.function.Consumer} or
 * {@link java.util.function.Supplier}; while it runs, {@link FunctionContext#current()}
 * tells it its project, its caller, its environment and secrets, and gives it a logger
 * whose lines are kept with the invocation, and a client for its project's storage
 * ({@link dev.springbase.functions.sdk.storage}). Event triggers hand it the payloads in
 * {@link dev.springbase.functions.sdk.events}.
 */
package dev.springbase.functions.sdk;
