package dev.springbase.functions.catalog;

import java.util.UUID;

/**
 * Published inside the transaction that deletes a function, before its row goes, so that
 * what hangs off the function (its triggers) can go with it in the same transaction.
 */
public record FunctionDeleting(UUID projectId, UUID functionId, String name) {

}
