/**
 * Per-project settings of end-user auth: password policy and whether emails must be
 * confirmed.
 */
@NullMarked
package dev.springbase.auth.settings;

import org.jspecify.annotations.NullMarked;
