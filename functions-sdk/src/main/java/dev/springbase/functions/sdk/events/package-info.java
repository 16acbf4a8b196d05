/**
 * Typed payloads of the events a function can be bound to. Each is the {@code data} of a
 * CloudEvent of the type named in {@link dev.springbase.functions.sdk.events.EventTypes};
 * declare the record as the function's input type to receive it.
 */
package dev.springbase.functions.sdk.events;
