/**
 * The platform tokens functions call other services with, minted by the auth service and
 * cached per function.
 */
@NullMarked
package dev.springbase.functions.tokens;

import org.jspecify.annotations.NullMarked;
