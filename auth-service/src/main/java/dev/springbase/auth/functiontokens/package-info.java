/**
 * Platform tokens for deployed functions, minted for the functions service, which proves
 * itself with the master key.
 */
@NullMarked
package dev.springbase.auth.functiontokens;

import org.jspecify.annotations.NullMarked;
