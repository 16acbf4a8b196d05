/**
 * Test support shared by every module: a real PostgreSQL for every test class, and a
 * clock that tests move.
 */
@NullMarked
package dev.springbase.testsupport;

import org.jspecify.annotations.NullMarked;
