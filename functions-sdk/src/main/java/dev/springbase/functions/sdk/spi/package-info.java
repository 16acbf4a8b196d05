/**
 * Used by the function host to run a function with its context; function code does not
 * need it.
 */
package dev.springbase.functions.sdk.spi;
