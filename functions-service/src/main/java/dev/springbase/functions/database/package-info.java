/**
 * The database of each project: a PostgreSQL schema and a role confined to it, SQL run as
 * that role for admins, and watches that turn row changes of its tables into
 * {@code db.row.*} events.
 */
@NullMarked
package dev.springbase.functions.database;

import org.jspecify.annotations.NullMarked;
