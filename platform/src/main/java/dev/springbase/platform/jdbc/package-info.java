/**
 * Small helpers for the services' JDBC code.
 */
@NullMarked
package dev.springbase.platform.jdbc;

import org.jspecify.annotations.NullMarked;
