/**
 * {@code Idempotency-Key} on creating POSTs: a retried request gets the first answer
 * again instead of creating a second record.
 */
@NullMarked
package dev.springbase.platform.idempotency;

import org.jspecify.annotations.NullMarked;
