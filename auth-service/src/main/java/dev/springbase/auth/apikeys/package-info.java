/**
 * Per-project API keys and their resolution to short-lived platform tokens for the
 * gateway.
 */
@NullMarked
package dev.springbase.auth.apikeys;

import org.jspecify.annotations.NullMarked;
