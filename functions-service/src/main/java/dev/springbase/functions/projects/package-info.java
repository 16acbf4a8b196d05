/**
 * What happens to a project's functions and database when the project is deleted.
 */
@NullMarked
package dev.springbase.functions.projects;

import org.jspecify.annotations.NullMarked;
