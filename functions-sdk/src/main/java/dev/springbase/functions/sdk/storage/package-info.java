/**
 * The project's storage as a function reaches it: {@link StorageClient}, from
 * {@link dev.springbase.functions.sdk.FunctionContext#storage()}.
 */
package dev.springbase.functions.sdk.storage;
