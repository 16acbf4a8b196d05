/**
 * Test support shared by every module: a real PostgreSQL for every test class.
 */
@NullMarked
package dev.springbase.testsupport;

import org.jspecify.annotations.NullMarked;
