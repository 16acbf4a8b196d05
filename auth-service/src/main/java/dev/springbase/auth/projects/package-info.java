/**
 * Projects (the tenants), their members and roles, and their allowed origins.
 */
@NullMarked
package dev.springbase.auth.projects;

import org.jspecify.annotations.NullMarked;
