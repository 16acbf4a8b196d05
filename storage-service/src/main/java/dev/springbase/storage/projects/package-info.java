/**
 * What happens to a project's files when the project is deleted.
 */
@NullMarked
package dev.springbase.storage.projects;

import org.jspecify.annotations.NullMarked;
