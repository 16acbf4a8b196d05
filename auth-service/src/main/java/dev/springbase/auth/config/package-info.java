/**
 * Settings and beans that cut across the auth service's features.
 */
@NullMarked
package dev.springbase.auth.config;

import org.jspecify.annotations.NullMarked;
