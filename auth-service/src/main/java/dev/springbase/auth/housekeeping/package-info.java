/**
 * Deletes what end-user auth no longer needs: spent sessions, used or expired mailed
 * tokens, stale throttling counters and old local mails.
 */
@NullMarked
package dev.springbase.auth.housekeeping;

import org.jspecify.annotations.NullMarked;
