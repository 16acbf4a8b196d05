/**
 * Protection of end-user sign-in and its siblings: throttling with growing delays per
 * account and per client address, and the client address itself.
 */
@NullMarked
package dev.springbase.auth.protection;

import org.jspecify.annotations.NullMarked;
