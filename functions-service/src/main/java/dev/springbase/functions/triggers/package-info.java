/**
 * Event and schedule triggers: what binds a function to storage, auth, database and
 * schedule events, one durable event subscription per trigger.
 */
@NullMarked
package dev.springbase.functions.triggers;

import org.jspecify.annotations.NullMarked;
